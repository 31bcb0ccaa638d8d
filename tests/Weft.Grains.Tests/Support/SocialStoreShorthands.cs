using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Data;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// Store calls as tests make them that are not about every argument: follows and marks without notifications, accounts
/// listed under their username, searches by username prefix alone.
/// </summary>
public static class SocialStoreShorthands
{
    /// <summary>Lists an account whose display name is its username.</summary>
    public static Task ListUsernameAsync(this ISocialStore store, long accountId, string username, CancellationToken cancellationToken) =>
        store.AddAccountAsync(accountId, username, username, cancellationToken);

    /// <summary>Accounts whose username starts with <paramref name="usernamePrefix"/> (empty: none).</summary>
    public static Task<IReadOnlyList<long>> SearchByUsernameAsync(
        this ISocialStore store, string usernamePrefix, long? followedBy, int offset, int limit, CancellationToken cancellationToken) =>
        store.SearchAccountsAsync(new AccountSearch(usernamePrefix, []), followedBy, offset, limit, cancellationToken);

    /// <summary>Adds a follow without a notification; whether it was added.</summary>
    public static async Task<bool> AddFollowWithoutNotificationAsync(
        this ISocialStore store, long followerId, long followeeId, long followId, FollowSettings settings, CancellationToken cancellationToken) =>
        (await store.AddFollowAsync(followerId, followeeId, followId, settings, notification: null, cancellationToken)).Added;

    /// <summary>Adds a mark without a notification; whether it was added.</summary>
    public static async Task<bool> AddMarkWithoutNotificationAsync(
        this ISocialStore store, StatusMarkKind kind, long accountId, long statusId, long markId, CancellationToken cancellationToken) =>
        (await store.AddMarkAsync(kind, accountId, statusId, markId, notification: null, cancellationToken)).Added;

    /// <summary>Removes a mark and no notification; whether there was one.</summary>
    public static Task<bool> RemoveMarkWithoutNotificationAsync(
        this ISocialStore store, StatusMarkKind kind, long accountId, long statusId, CancellationToken cancellationToken) =>
        store.RemoveMarkAsync(kind, accountId, statusId, notifiedAccountId: null, cancellationToken);
}
