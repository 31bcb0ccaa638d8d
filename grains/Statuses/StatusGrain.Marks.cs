using System.Collections.Immutable;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Notifications;

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

        if (!Favourited(actorId))
        {
            await ExpectMarksAsync();
            var markId = ids.NextId();

            // The author's notification is written with the favourite, so no crash keeps one without the other.
            var authorId = state.State.Status!.AccountId;
            var notification = await NotificationDrafts.ForAsync(GrainFactory, ids, authorId, NotificationType.Favourite, actorId, Id);
            var added = await store.AddMarkAsync(StatusMarkKind.Favourite, actorId, Id, markId, notification, CancellationToken.None);
            (_favouriteMarks ??= []).TryAdd(actorId, markId);
            Changed();
            if (added.Notified)
            {
                await AnnounceToAuthorAsync(authorId, notification!.Id, actorId);
            }
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<StatusActionResult> UnfavouriteAsync(long actorId)
    {
        if (!await MayUndoAsync(actorId, Favourited(actorId)))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).UnfavouriteAsync(actorId);
        }

        if (Favourited(actorId))
        {
            // The favourite's notification goes in its transaction, as Mastodon's is destroyed with it.
            await store.RemoveMarkAsync(StatusMarkKind.Favourite, actorId, Id, state.State.Status!.AccountId, CancellationToken.None);
            _favouriteMarks!.Remove(actorId);
            Changed();
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

        if (!Bookmarked(actorId))
        {
            await ExpectMarksAsync();
            await store.AddMarkAsync(StatusMarkKind.Bookmark, actorId, Id, ids.NextId(), notification: null, CancellationToken.None);
            (_bookmarkers ??= []).Add(actorId);
            _unmarkedView = null;
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<StatusActionResult> UnbookmarkAsync(long actorId)
    {
        if (!await MayUndoAsync(actorId, Bookmarked(actorId)))
        {
            return StatusActionResult.NotFound;
        }

        if (state.State.Status!.ReblogOfId is { } originalId)
        {
            return await GrainFactory.GetGrain<IStatusGrain>(originalId).UnbookmarkAsync(actorId);
        }

        if (Bookmarked(actorId))
        {
            await store.RemoveMarkAsync(StatusMarkKind.Bookmark, actorId, Id, notifiedAccountId: null, CancellationToken.None);
            _bookmarkers!.Remove(actorId);
        }

        return new StatusActionResult(ViewFor(actorId), null);
    }

    // Undoing needs no sight of the status, only something to undo: an account that lost sight of it (it unfollowed the
    // author of a private status) still takes back its own favourite, bookmark or reblog, as in Mastodon. Without one it
    // is a 404 like any action on a status it cannot see; on a reblog, the original decides.
    private async ValueTask<bool> MayUndoAsync(long actorId, bool undoable) =>
        state.State.Status is { Deleted: false } status && ((undoable && status.ReblogOfId is null) || await CanSeeAsync(actorId));

    public async Task<Page<long>> GetFavouritedByAsync(long viewerId, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await CanSeeAsync(viewerId))
        {
            return Page<long>.Empty;
        }

        return state.State.Status!.ReblogOfId is { } originalId
            ? await GrainFactory.GetGrain<IStatusGrain>(originalId).GetFavouritedByAsync(viewerId, page)
            : PageOf(_favouriteMarks, page);
    }

    // One page of accounts ordered by the id of their mark (or reblog), the cursor: ids are snowflakes, so newest first
    // is largest first. With min_id, the page just above it, as everywhere in Mastodon's paging.
    private static Page<long> PageOf(Dictionary<long, long>? cursorsByAccount, PageRequest page)
    {
        if (cursorsByAccount is null)
        {
            return Page<long>.Empty;
        }

        var inside = new List<KeyValuePair<long, long>>(Math.Min(cursorsByAccount.Count, 256));
        foreach (var pair in cursorsByAccount)
        {
            if (page.Contains(pair.Value))
            {
                inside.Add(pair);
            }
        }

        var count = Math.Min(Math.Max(0, page.Limit), inside.Count);
        if (count == 0)
        {
            return Page<long>.Empty;
        }

        inside.Sort(static (a, b) => b.Value.CompareTo(a.Value));
        var start = page.MinId is null ? 0 : inside.Count - count;
        var accounts = ImmutableArray.CreateBuilder<long>(count);
        for (var i = start; i < start + count; i++)
        {
            accounts.Add(inside[i].Key);
        }

        return new Page<long>(accounts.MoveToImmutable(), inside[start].Value, inside[start + count - 1].Value);
    }

    // A side effect: the favourite and its notification are committed, so a failure to tell the author's live streams is
    // logged, not thrown.
    private async Task AnnounceToAuthorAsync(long authorId, long notificationId, long actorId)
    {
        try
        {
            await GrainFactory.GetGrain<INotificationsGrain>(authorId).AnnounceAsync(notificationId);
        }
        catch (Exception e)
        {
            StatusLog.SideEffectFailed(logger, e, Id, "favourite", actorId);
        }
    }
}
