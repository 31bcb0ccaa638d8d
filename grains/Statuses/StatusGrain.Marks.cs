using System.Collections.Immutable;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;

namespace Weft.Grains.Statuses;

/// <summary>
/// Favourites and bookmarks: a store row each, mirrored in memory. On a reblog they apply to its original (as Mastodon
/// does), forwarded there; the original never awaits a reblog's turn (see <see cref="IStatusReblogsGrain.DeleteReblogAsync"/>).
/// </summary>
public sealed partial class StatusGrain
{
    public async Task<StatusActionResult> FavouriteAsync(long actorId)
    {
        if (!await CanSeeAsync(actorId))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).FavouriteAsync(actorId);
        }

        if (!_favouriteMarks.ContainsKey(actorId))
        {
            var markId = ids.NextId();
            var added = await store.AddMarkAsync(StatusMarkKind.Favourite, actorId, Id, markId, CancellationToken.None);
            _favouriteMarks.TryAdd(actorId, markId);
            Changed();
            if (added)
            {
                await NotifyAuthorAsync(NotificationType.Favourite, actorId);
            }
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<StatusActionResult> UnfavouriteAsync(long actorId)
    {
        if (!await CanSeeAsync(actorId))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).UnfavouriteAsync(actorId);
        }

        if (_favouriteMarks.ContainsKey(actorId))
        {
            await store.RemoveMarkAsync(StatusMarkKind.Favourite, actorId, Id, CancellationToken.None);
            _favouriteMarks.Remove(actorId);
            Changed();
            await UnnotifyAuthorAsync(NotificationType.Favourite, actorId);
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<StatusActionResult> BookmarkAsync(long actorId)
    {
        if (!await CanSeeAsync(actorId))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).BookmarkAsync(actorId);
        }

        if (!_bookmarkers.Contains(actorId))
        {
            await store.AddMarkAsync(StatusMarkKind.Bookmark, actorId, Id, ids.NextId(), CancellationToken.None);
            _bookmarkers.Add(actorId);
            _unmarkedView = null;
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<StatusActionResult> UnbookmarkAsync(long actorId)
    {
        if (!await CanSeeAsync(actorId))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).UnbookmarkAsync(actorId);
        }

        if (_bookmarkers.Contains(actorId))
        {
            await store.RemoveMarkAsync(StatusMarkKind.Bookmark, actorId, Id, CancellationToken.None);
            _bookmarkers.Remove(actorId);
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<ImmutableArray<long>> GetFavouritedByAsync(long viewerId)
    {
        if (!await CanSeeAsync(viewerId))
        {
            return [];
        }

        return state.State.Status!.ReblogOfId is { } originalId
            ? await GrainFactory.GetGrain<IStatusGrain>(originalId).GetFavouritedByAsync(viewerId)
            : NewestFirst(_favouriteMarks);
    }

    // Accounts ordered by the id of their mark (or reblog): ids are snowflakes, so newest first is largest first.
    private static ImmutableArray<long> NewestFirst(Dictionary<long, long> idsByAccount)
    {
        if (idsByAccount.Count == 0)
        {
            return [];
        }

        var pairs = new KeyValuePair<long, long>[idsByAccount.Count];
        ((ICollection<KeyValuePair<long, long>>)idsByAccount).CopyTo(pairs, 0);
        Array.Sort(pairs, static (a, b) => b.Value.CompareTo(a.Value));
        var accounts = ImmutableArray.CreateBuilder<long>(pairs.Length);
        foreach (var pair in pairs)
        {
            accounts.Add(pair.Key);
        }

        return accounts.MoveToImmutable();
    }

    private Task NotifyAuthorAsync(NotificationType type, long actorId) =>
        ChangeAuthorNotificationsAsync(notifications => notifications.AddAsync(type, actorId, Id), type.ToString(), actorId);

    // The undone action's notification goes too, as Mastodon's is destroyed with its favourite.
    private Task UnnotifyAuthorAsync(NotificationType type, long actorId) =>
        ChangeAuthorNotificationsAsync(notifications => notifications.RemoveAsync(type, actorId, Id), "un" + type.ToString().ToLowerInvariant(), actorId);

    // A side effect: the mark itself is committed, so a failure here is logged, not thrown.
    private async Task ChangeAuthorNotificationsAsync(Func<INotificationsGrain, Task> change, string action, long actorId)
    {
        try
        {
            await change(GrainFactory.GetGrain<INotificationsGrain>(state.State.Status!.AccountId));
        }
        catch (Exception e)
        {
            StatusLog.SideEffectFailed(logger, e, Id, action, actorId);
        }
    }
}
