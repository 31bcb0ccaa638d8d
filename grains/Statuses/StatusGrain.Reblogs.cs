using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Statuses;

/// <summary>
/// Reblogs: each is a status of its own (its grain, its event on the reblogger's stream), remembered here per account.
/// Removing a reblog goes through the reblog's grain, which reports back with <see cref="ReblogRemovedAsync"/>; when an
/// original is deleted, the fan-out deletes its reblogs (from the durable "deleted" event, so a crash cannot skip it).
/// </summary>
public sealed partial class StatusGrain
{
    public async Task<StatusActionResult> ReblogAsync(long actorId, StatusVisibility visibility)
    {
        if (!await CanSeeAsync(actorId))
        {
            return StatusActionResult.NotFound;
        }

        var original = state.State.Status!;
        if (original.ReblogOfId is { } reblogOf)
        {
            // Reblogging a reblog reblogs the original (Mastodon does the same).
            return await GrainFactory.GetGrain<IStatusGrain>(reblogOf).ReblogAsync(actorId, visibility);
        }

        // Public and unlisted statuses can be reblogged by anyone; a private one only by its author, and stays private.
        if (original.Visibility == StatusVisibility.Direct
            || (original.Visibility == StatusVisibility.Private && original.AccountId != actorId))
        {
            return StatusActionResult.Forbidden;
        }

        var reblogVisibility = original.Visibility == StatusVisibility.Private
            ? StatusVisibility.Private
            : visibility == StatusVisibility.Direct ? StatusVisibility.Public : visibility;

        if (_reblogsByAccount?.TryGetValue(actorId, out var existingId) == true
            && await GrainFactory.GetGrain<IStatusGrain>(existingId).GetAsync(actorId) is { } existing)
        {
            return new StatusActionResult(ReblogView(existing.Status, actorId), null);
        }

        await ExpectMarksAsync();
        var reblogId = ids.NextId();
        var reblog = new StatusSnapshot(
            reblogId,
            actorId,
            Weft.GrainInterfaces.Ids.SnowflakeId.GetTimestamp(reblogId),
            reblogVisibility,
            Text: string.Empty,
            SpoilerText: string.Empty,
            Sensitive: false,
            Language: null,
            InReplyToId: null,
            InReplyToAccountId: null,
            ReblogOfId: original.Id,
            ReblogOfAccountId: original.AccountId,
            Mentions: [],
            Tags: [],
            ApplicationName: null,
            RepliesCount: 0,
            ReblogsCount: 0,
            FavouritesCount: 0,
            Deleted: false,
            Version: 0);
        var created = await GrainFactory.GetGrain<IStatusGrain>(reblogId).CreateAsync(reblog);
        (_reblogsByAccount ??= [])[actorId] = reblogId;
        if (!IsListedReblog(reblogVisibility))
        {
            (_privateReblogs ??= []).Add(reblogId);
        }

        Changed();
        try
        {
            await GrainFactory.GetGrain<IAccountGrain>(actorId).StatusCountChangedAsync(+1, created.CreatedAt);
        }
        catch (Exception e)
        {
            StatusLog.SideEffectFailed(logger, e, Id, "reblog", actorId);
        }

        return new StatusActionResult(ReblogView(created, actorId), null);
    }

    public async Task<StatusActionResult> UnreblogAsync(long actorId)
    {
        if (!await MayUndoAsync(actorId, _reblogsByAccount?.ContainsKey(actorId) == true))
        {
            return StatusActionResult.NotFound;
        }

        if (_reblogsByAccount?.TryGetValue(actorId, out var reblogId) == true)
        {
            // Forgotten only once the reblog is deleted (it reports back through ReblogRemovedAsync; this covers a
            // failure of that report), so a failed delete leaves no reblog the account could not undo or would repeat.
            await GrainFactory.GetGrain<IStatusReblogsGrain>(reblogId).DeleteReblogAsync(actorId);
            await ReblogRemovedAsync(reblogId, actorId);
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<Page<long>> GetRebloggedByAsync(long viewerId, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await CanSeeAsync(viewerId))
        {
            return Page<long>.Empty;
        }

        return state.State.Status!.ReblogOfId is { } originalId
            ? await GrainFactory.GetGrain<IStatusGrain>(originalId).GetRebloggedByAsync(viewerId, page)
            : PageOf(ListedReblogs(), page);
    }

    public Task<StatusActionResult> DeleteReblogAsync(long actorId) => DeleteAsync(actorId);

    public Task ReblogRemovedAsync(long reblogId, long accountId)
    {
        if (_reblogsByAccount?.TryGetValue(accountId, out var current) == true && current == reblogId)
        {
            _reblogsByAccount!.Remove(accountId);
            _privateReblogs?.Remove(reblogId);
            Changed();
        }

        return Task.CompletedTask;
    }

    // Whether reblogged_by lists a reblog: Mastodon's leaves out those shown to followers only.
    private static bool IsListedReblog(StatusVisibility visibility) => visibility is StatusVisibility.Public or StatusVisibility.Unlisted;

    // Who reblogged it where anyone may see.
    private Dictionary<long, long>? ListedReblogs() =>
        _privateReblogs is not { Count: > 0 } hidden || _reblogsByAccount is null
            ? _reblogsByAccount
            : _reblogsByAccount.Where(reblog => !hidden.Contains(reblog.Value)).ToDictionary();

    // The reblog as its author sees it; the flags say what the author did to the original, as Mastodon renders a reblog.
    private StatusView ReblogView(StatusSnapshot reblog, long actorId) =>
        new(reblog, Favourited(actorId), true, Bookmarked(actorId));
}
