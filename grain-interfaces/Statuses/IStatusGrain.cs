using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>
/// One status (a post, a reply or a reblog). Content is written once with its "created" event through the outbox;
/// favourites, reblogs and bookmarks are rows in the social store, cached here as sets so marks are idempotent and
/// counts exact. Every method checks visibility for the viewer or actor (account id; 0 = anonymous). Keyed by status id.
/// </summary>
public interface IStatusGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Creates the status and publishes its "created" event in one write; repeated calls return the stored one. Called
    /// with freshly minted ids, so activating for it skips the state read.
    /// </summary>
    [FreshKey]
    Task<StatusSnapshot> CreateAsync(StatusSnapshot status);

    /// <summary>The status as <paramref name="viewerId"/> sees it; null if missing, deleted or not visible to them.</summary>
    [AlwaysInterleave]
    ValueTask<StatusView?> GetAsync(long viewerId);

    /// <summary>Deletes the status; only its author may. Returns the last view of it.</summary>
    Task<StatusActionResult> DeleteAsync(long actorId);

    /// <summary>
    /// Replaces the content with <paramref name="edit"/> if <paramref name="actorId"/> is the author (not for reblogs);
    /// the previous version is kept in the history.
    /// </summary>
    Task<StatusActionResult> EditAsync(long actorId, StatusEdit edit);

    /// <summary>Every version of the content, oldest first and the current one last; null if the viewer may not see it.</summary>
    Task<ImmutableArray<StatusRevision>?> GetHistoryAsync(long viewerId);

    /// <summary>Favourites it; twice counts once.</summary>
    Task<StatusActionResult> FavouriteAsync(long actorId);

    /// <summary>Removes the actor's favourite, if any.</summary>
    Task<StatusActionResult> UnfavouriteAsync(long actorId);

    /// <summary>Reblogs it (public and unlisted statuses only); twice reblogs once. The result's view is the reblog.</summary>
    Task<StatusActionResult> ReblogAsync(long actorId, StatusVisibility visibility);

    /// <summary>Removes the actor's reblog, if any. The result's view is the original.</summary>
    Task<StatusActionResult> UnreblogAsync(long actorId);

    /// <summary>Bookmarks it for the actor; private to them.</summary>
    Task<StatusActionResult> BookmarkAsync(long actorId);

    /// <summary>Removes the actor's bookmark, if any.</summary>
    Task<StatusActionResult> UnbookmarkAsync(long actorId);

    /// <summary>A page of the accounts that favourited it, newest favourite first (cursors: favourite ids), if the viewer may see it.</summary>
    [ReadOnly]
    Task<Page<long>> GetFavouritedByAsync(long viewerId, PageRequest page);

    /// <summary>A page of the accounts that reblogged it, newest reblog first (cursors: reblog ids), if the viewer may see it.</summary>
    [ReadOnly]
    Task<Page<long>> GetRebloggedByAsync(long viewerId, PageRequest page);

    /// <summary>The statuses around it that the viewer may see: ancestors oldest first, descendants in thread order.</summary>
    [ReadOnly]
    Task<StatusContext?> GetContextAsync(long viewerId);

    /// <summary>
    /// Records whether its author pinned it, for the author's view of it (the author's account grain keeps the list of
    /// pins and calls this after changing it). Nothing happens to a status that does not exist.
    /// </summary>
    Task SetPinnedAsync(bool pinned);

    /// <summary>
    /// A reply to this status is about to be posted: it is recorded as having replies before the reply exists, so a
    /// later activation counts them. Nothing happens to a reblog or a status that does not exist.
    /// </summary>
    Task ExpectReplyAsync();

    /// <summary>A reply to this status was created (+1) or deleted (-1); from the fan-out, counter update only.</summary>
    [AlwaysInterleave]
    Task RepliesChangedAsync(long replyId, int delta);
}
