using Weft.GrainInterfaces.Accounts;

// In the store's namespace, so that every test that holds an ISocialStore finds it.
namespace Weft.Grains.Data;

/// <summary>Follows set up by tests that are not about notifications.</summary>
public static class SocialStoreFollows
{
    /// <summary>Adds a follow without a notification; whether it was added.</summary>
    public static async Task<bool> AddFollowAsync(
        this ISocialStore store, long followerId, long followeeId, long followId, FollowSettings settings, CancellationToken cancellationToken) =>
        (await store.AddFollowAsync(followerId, followeeId, followId, settings, notification: null, cancellationToken)).Followed;
}
