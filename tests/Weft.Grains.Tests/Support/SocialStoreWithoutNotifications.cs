using Weft.GrainInterfaces.Accounts;

// In the store's namespace, so that every test that holds an ISocialStore finds it.
namespace Weft.Grains.Data;

/// <summary>Follows and marks set up by tests that are not about their notifications.</summary>
public static class SocialStoreWithoutNotifications
{
    /// <summary>Adds a follow without a notification; whether it was added.</summary>
    public static async Task<bool> AddFollowAsync(
        this ISocialStore store, long followerId, long followeeId, long followId, FollowSettings settings, CancellationToken cancellationToken) =>
        (await store.AddFollowAsync(followerId, followeeId, followId, settings, notification: null, cancellationToken)).Added;

    /// <summary>Adds a mark without a notification; whether it was added.</summary>
    public static async Task<bool> AddMarkAsync(
        this ISocialStore store, StatusMarkKind kind, long accountId, long statusId, long markId, CancellationToken cancellationToken) =>
        (await store.AddMarkAsync(kind, accountId, statusId, markId, notification: null, cancellationToken)).Added;

    /// <summary>Removes a mark, and no notification; whether there was one.</summary>
    public static Task<bool> RemoveMarkAsync(
        this ISocialStore store, StatusMarkKind kind, long accountId, long statusId, CancellationToken cancellationToken) =>
        store.RemoveMarkAsync(kind, accountId, statusId, notifiedAccountId: null, cancellationToken);
}
