using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data;

/// <summary>
/// The social store: relations and indexes grains cannot answer cheaply from memory (who follows whom, who favourited
/// what, statuses by author or visibility, notifications). One implementation per engine (PostgreSQL, SQLite), both in
/// the database of the <c>Default</c> grain storage. Every write is idempotent, so redelivered stream events and retried
/// calls are harmless, and reports whether it changed anything, so grains count exactly.
/// Paged lists return newest first and obey <see cref="PageRequest"/>'s max_id/since_id/min_id rules.
/// </summary>
public interface ISocialStore
{
    /// <summary>
    /// Creates the tables and indexes if missing, once per store (every other method does so before its first use);
    /// safe to run concurrently from several processes.
    /// </summary>
    Task EnsureSchemaAsync(CancellationToken cancellationToken);

    // Accounts -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Lists the account in the directory (search, instance statistics), or renews the display name it is found by there;
    /// idempotent.
    /// </summary>
    Task AddAccountAsync(long accountId, string username, string displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Accounts the search finds: those whose username starts with its prefix first (the exact match, then shorter names
    /// and alphabetically), then those found by their display name (alphabetically by username); only those
    /// <paramref name="followedBy"/> follows, if given; skips <paramref name="offset"/>, returns at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<long>> SearchAccountsAsync(AccountSearch search, long? followedBy, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Hashtags in use (on some indexed status) that start with <paramref name="tagPrefix"/> (lower case), in order; at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<string>> SearchTagsAsync(string tagPrefix, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The instance's figures: accounts, statuses (reblogs included, as Mastodon counts them), and accounts that posted since <paramref name="activeSinceId"/>.</summary>
    Task<InstanceCounts> CountInstanceAsync(long activeSinceId, CancellationToken cancellationToken);

    // Follows ------------------------------------------------------------------------------------------------

    /// <summary>
    /// Adds the follow with id <paramref name="followId"/> and, in the same transaction, the followee's
    /// <paramref name="notification"/> of it (unless the same one is stored), so that no crash keeps the follow without
    /// its notification. Writes nothing if the follow existed already (its settings unchanged).
    /// </summary>
    Task<AddedWithNotification> AddFollowAsync(
        long followerId, long followeeId, long followId, FollowSettings settings, NotificationRow? notification, CancellationToken cancellationToken);

    /// <summary>Changes an existing follow's settings; false if there is no such follow or it had these settings already.</summary>
    Task<bool> UpdateFollowAsync(long followerId, long followeeId, FollowSettings settings, CancellationToken cancellationToken);

    /// <summary>Removes the follow and, in the same transaction, the followee's notification of it; false if there was no follow.</summary>
    Task<bool> RemoveFollowAsync(long followerId, long followeeId, CancellationToken cancellationToken);

    /// <summary>How many accounts follow <paramref name="accountId"/>.</summary>
    Task<long> CountFollowersAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>All accounts <paramref name="accountId"/> follows, in id order, with the follows' settings (for in-memory sets and timeline rebuilds).</summary>
    Task<IReadOnlyList<FolloweeRow>> ListFolloweesAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>
    /// An account's followees (as <see cref="ListFolloweesAsync"/>), followers (as <see cref="CountFollowersAsync"/>),
    /// how many statuses it has (reblogs included) and its newest status id, in one round trip: what an account grain
    /// loads when it activates.
    /// </summary>
    Task<AccountRelations> LoadAccountRelationsAsync(long accountId, CancellationToken cancellationToken);

    /// <summary>Of <paramref name="candidateIds"/>, those that follow <paramref name="accountId"/>.</summary>
    Task<IReadOnlyList<long>> FilterFollowersAsync(long accountId, IReadOnlyList<long> candidateIds, CancellationToken cancellationToken);

    /// <summary>Followers of <paramref name="accountId"/> in ascending id order after <paramref name="afterAccountId"/>, with their notify option (fan-out paging).</summary>
    Task<IReadOnlyList<FollowerRow>> ListFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken);

    /// <summary>Followers of <paramref name="accountId"/> who asked to be notified of its statuses, in ascending id order after <paramref name="afterAccountId"/>.</summary>
    Task<IReadOnlyList<long>> ListNotifiedFollowerIdsAsync(long accountId, long afterAccountId, int limit, CancellationToken cancellationToken);

    /// <summary>Followers page, newest follow first; cursors are follow ids.</summary>
    Task<IReadOnlyList<FollowRow>> ListFollowersAsync(long accountId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Following page, newest follow first; cursors are follow ids.</summary>
    Task<IReadOnlyList<FollowRow>> ListFollowingAsync(long accountId, PageRequest page, CancellationToken cancellationToken);

    // Statuses -----------------------------------------------------------------------------------------------

    /// <summary>
    /// Indexes statuses: a row not present is inserted with its mentions and tags; one present gets the row's mentions
    /// and tags only if the row's <see cref="StatusRow.Version"/> is later (an edit), else it is left as it is. One
    /// transaction. For the status fan-out only: on PostgreSQL it does not wait for the disk, which is safe because the
    /// stream checkpoint that follows it commits later in the same write-ahead log.
    /// </summary>
    Task UpsertStatusesAsync(IReadOnlyList<StatusRow> statuses, CancellationToken cancellationToken);

    /// <summary>Removes a status's index row (and its mentions and tags); false if absent.</summary>
    Task<bool> DeleteStatusAsync(long statusId, CancellationToken cancellationToken);

    /// <summary>An account's statuses that a viewer may list, newest first.</summary>
    Task<IReadOnlyList<long>> ListAccountStatusesAsync(long accountId, StatusListFilter filter, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Public, non-reblog statuses of everyone, newest first.</summary>
    Task<IReadOnlyList<long>> ListPublicStatusesAsync(PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// Public, non-reblog statuses tagged with at least one of <paramref name="any"/>, with every one of
    /// <paramref name="all"/> and with none of <paramref name="none"/> (lower-case names), newest first; empty when
    /// <paramref name="any"/> is.
    /// </summary>
    Task<IReadOnlyList<long>> ListTaggedStatusesAsync(
        IReadOnlyList<string> any, IReadOnlyList<string> all, IReadOnlyList<string> none, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// A page of the statuses (including reblogs) by any of <paramref name="authorIds"/> that a follower may see
    /// (public, unlisted, private; direct only where <paramref name="viewerId"/> is mentioned), newest first. The work
    /// is bounded by authors × limit however long their histories are. Merges home timelines, reads list timelines.
    /// </summary>
    Task<IReadOnlyList<StatusRow>> ListByAuthorsAsync(IReadOnlyList<long> authorIds, long viewerId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>
    /// The newest statuses by <paramref name="authorIds"/> as <see cref="ListByAuthorsAsync"/> sees them, newer than
    /// <paramref name="afterId"/>, at most <paramref name="limit"/>. Rebuilds and merges home timelines.
    /// </summary>
    Task<IReadOnlyList<StatusRow>> ListRecentByAuthorsAsync(IReadOnlyList<long> authorIds, long viewerId, long afterId, int limit, CancellationToken cancellationToken) =>
        ListByAuthorsAsync(authorIds, viewerId, new PageRequest(MaxId: null, SinceId: afterId, MinId: null, limit), cancellationToken);

    /// <summary>Direct replies to a status, oldest first.</summary>
    Task<IReadOnlyList<StatusRow>> ListRepliesAsync(long statusId, CancellationToken cancellationToken);

    /// <summary>Reblogs of a status (for reblogged_by and reblog counts), newest first.</summary>
    Task<IReadOnlyList<StatusRow>> ListReblogsAsync(long statusId, CancellationToken cancellationToken);

    /// <summary>A page of a status's reblogs, oldest first, those after reblog <paramref name="afterId"/>.</summary>
    Task<IReadOnlyList<StatusRow>> ListReblogsAfterAsync(long statusId, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>How many live replies a status has.</summary>
    Task<long> CountRepliesAsync(long statusId, CancellationToken cancellationToken);

    // Favourites and bookmarks -------------------------------------------------------------------------------

    /// <summary>
    /// Adds the mark with id <paramref name="markId"/> and, in the same transaction, <paramref name="notification"/> of it (a
    /// favourite's, to the status's author) unless the same one is stored. Writes nothing if the account already had
    /// the mark on that status.
    /// </summary>
    Task<AddedWithNotification> AddMarkAsync(
        StatusMarkKind kind, long accountId, long statusId, long markId, NotificationRow? notification, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the mark and, in the same transaction, the notification of it to <paramref name="notifiedAccountId"/> (a
    /// favourite's, to the status's author) if one is named; false if there was no mark.
    /// </summary>
    Task<bool> RemoveMarkAsync(StatusMarkKind kind, long accountId, long statusId, long? notifiedAccountId, CancellationToken cancellationToken);

    /// <summary>
    /// A status's favourites and bookmarks (the accounts that put each mark on it, newest first: MarkRow.OtherId = account
    /// id), its reblogs (as <see cref="ListReblogsAsync"/>)
    /// and its live replies (as <see cref="CountRepliesAsync"/>), in one round trip: what a status grain loads when it activates.
    /// </summary>
    Task<StatusMarks> LoadStatusMarksAsync(long statusId, CancellationToken cancellationToken);

    /// <summary>An account's marked statuses, newest mark first; cursors are mark ids (MarkRow.OtherId = status id).</summary>
    Task<IReadOnlyList<MarkRow>> ListMarkedStatusesAsync(StatusMarkKind kind, long accountId, PageRequest page, CancellationToken cancellationToken);

    /// <summary>Removes every mark on a deleted status.</summary>
    Task DeleteMarksOfStatusAsync(long statusId, CancellationToken cancellationToken);

    // Big accounts (hybrid fan-out) --------------------------------------------------------------------------

    /// <summary>Records (or clears) that an account is too big to fan out; idempotent.</summary>
    Task SetBigAccountAsync(long accountId, bool big, CancellationToken cancellationToken);

    /// <summary>Of the accounts <paramref name="followerId"/> follows, those recorded as big.</summary>
    Task<IReadOnlyList<long>> ListBigFolloweesAsync(long followerId, CancellationToken cancellationToken);

    // Notifications ------------------------------------------------------------------------------------------

    /// <summary>Adds the notification unless one with the same (recipient, type, from, status) exists; returns whether added.</summary>
    Task<bool> AddNotificationAsync(NotificationRow notification, CancellationToken cancellationToken);

    /// <summary>A recipient's notifications matching the query, newest first.</summary>
    Task<IReadOnlyList<NotificationRow>> ListNotificationsAsync(long recipientId, NotificationQuery query, CancellationToken cancellationToken);

    /// <summary>One notification of the recipient, or null.</summary>
    Task<NotificationRow?> GetNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken);

    /// <summary>Removes one notification of the recipient; false if absent.</summary>
    Task<bool> DeleteNotificationAsync(long recipientId, long notificationId, CancellationToken cancellationToken);

    /// <summary>Deletes the recipient's notifications that <paramref name="query"/>'s filters and bounds match, whatever its limit.</summary>
    Task DeleteNotificationsAsync(long recipientId, NotificationQuery query, CancellationToken cancellationToken);

    /// <summary>Removes all of a recipient's notifications.</summary>
    Task ClearNotificationsAsync(long recipientId, CancellationToken cancellationToken);

    /// <summary>Removes a recipient's notifications about a status.</summary>
    Task DeleteNotificationsForStatusAsync(long recipientId, long statusId, CancellationToken cancellationToken);

    /// <summary>Removes the recipient's notification of one (type, from, status), if any: its action was undone.</summary>
    Task DeleteNotificationOfAsync(long recipientId, NotificationType type, long fromAccountId, long? statusId, CancellationToken cancellationToken);
}
