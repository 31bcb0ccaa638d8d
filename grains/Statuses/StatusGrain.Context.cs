using System.Collections.Immutable;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Statuses;

/// <summary>Threads: ancestors by following in-reply-to links, descendants from the store's reply index.</summary>
public sealed partial class StatusGrain
{
    /// <summary>At most this many ancestors are walked.</summary>
    public const int MaxAncestors = 40;

    /// <summary>At most this many descendants are returned.</summary>
    public const int MaxDescendants = 60;

    public async Task<StatusContext?> GetContextAsync(long viewerId)
    {
        if (!await CanSeeAsync(viewerId))
        {
            return null;
        }

        var status = state.State.Status!;
        if (status.ReblogOfId is not null)
        {
            return new StatusContext([], []);
        }

        return new StatusContext(await AncestorsAsync(status, viewerId), await DescendantsAsync(status.Id, viewerId));
    }

    // Walks up until a status is missing or invisible to the viewer (Mastodon stops there too).
    private async Task<ImmutableArray<StatusView>> AncestorsAsync(StatusSnapshot status, long viewerId)
    {
        var ancestors = ImmutableArray.CreateBuilder<StatusView>();
        var parentId = status.InReplyToId;
        while (parentId is { } id && ancestors.Count < MaxAncestors && id != status.Id)
        {
            var parent = await GrainFactory.GetGrain<IStatusGrain>(id).GetAsync(viewerId);
            if (parent is null)
            {
                break;
            }

            ancestors.Add(parent);
            parentId = parent.Status.InReplyToId;
        }

        ancestors.Reverse();
        return ancestors.ToImmutable();
    }

    // Depth first, oldest first at each level; a reply the viewer may not see hides its own replies too.
    private async Task<ImmutableArray<StatusView>> DescendantsAsync(long rootId, long viewerId)
    {
        var descendants = ImmutableArray.CreateBuilder<StatusView>();
        var pending = new Stack<long>();
        var seen = new HashSet<long> { rootId };
        await PushRepliesAsync(rootId);
        while (pending.Count > 0 && descendants.Count < MaxDescendants)
        {
            var id = pending.Pop();
            var reply = await GrainFactory.GetGrain<IStatusGrain>(id).GetAsync(viewerId);
            if (reply is null)
            {
                continue;
            }

            descendants.Add(reply);
            await PushRepliesAsync(id);
        }

        return descendants.ToImmutable();

        async Task PushRepliesAsync(long parentId)
        {
            var replies = await store.ListRepliesAsync(parentId, CancellationToken.None);
            for (var i = replies.Count - 1; i >= 0; i--)
            {
                if (seen.Add(replies[i].Id))
                {
                    pending.Push(replies[i].Id);
                }
            }
        }
    }
}
