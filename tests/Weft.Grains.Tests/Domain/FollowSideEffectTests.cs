using Microsoft.Extensions.DependencyInjection;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>
/// A follow and the followee's notification of it through the account grain: a failed write leaves neither and its
/// retry writes both; unfollowing takes the notification; a mute withholds it. (That the two are one transaction is the
/// store's contract: SocialStoreContractTests.)
/// </summary>
public sealed class FollowSideEffectTests : SqliteSiloTest
{
    private int _followWritesToFail;

    private SocialTestKit Kit => new(Silo.GrainFactory);

    protected override void ConfigureServices(IServiceCollection services) => RecordingSocialStore.Decorate(services, new StoreCalls
    {
        Fails = (method, _) => method == nameof(ISocialStore.AddFollowAsync) && Interlocked.Decrement(ref _followWritesToFail) >= 0,
    });

    [Fact]
    public async Task A_follow_whose_write_fails_keeps_neither_the_follow_nor_a_notification_and_its_retry_writes_both()
    {
        var follower = await Kit.CreateAccountAsync();
        var followee = await Kit.CreateAccountAsync();
        _followWritesToFail = 1;

        await Assert.ThrowsAsync<IOException>(() => Kit.Account(follower).FollowAsync(followee, FollowChange.None));
        Assert.Equal(0, (await Kit.Account(followee).GetAsync())!.FollowersCount);
        Assert.Empty(await Kit.NotificationsAsync(followee));

        var retried = await Kit.Account(follower).FollowAsync(followee, FollowChange.None);

        Assert.True(retried.Changed && retried.Relationship.Following);
        Assert.Equal(1, (await Kit.Account(followee).GetAsync())!.FollowersCount);
        var notification = Assert.Single(await Kit.NotificationsAsync(followee));
        Assert.Equal((NotificationType.Follow, follower), (notification.Type, notification.FromAccountId));
    }

    [Fact]
    public async Task Following_again_after_an_unfollow_notifies_once_more_and_the_unfollow_takes_the_first_notification()
    {
        var follower = await Kit.CreateAccountAsync();
        var followee = await Kit.CreateAccountAsync();

        await Kit.Account(follower).FollowAsync(followee, FollowChange.None);
        var first = Assert.Single(await Kit.NotificationsAsync(followee));
        await Kit.Account(follower).UnfollowAsync(followee);
        Assert.Empty(await Kit.NotificationsAsync(followee));
        await Kit.Account(follower).FollowAsync(followee, FollowChange.None);

        var second = Assert.Single(await Kit.NotificationsAsync(followee));
        Assert.True(second.Id > first.Id);
    }

    [Fact]
    public async Task A_followee_that_muted_the_followers_notifications_gets_no_follow_notification()
    {
        var (follower, muting, mutingWithoutNotifications) = (await Kit.CreateAccountAsync(), await Kit.CreateAccountAsync(), await Kit.CreateAccountAsync());
        await Kit.Account(muting).MuteAsync(follower, notifications: true, duration: null);
        await Kit.Account(mutingWithoutNotifications).MuteAsync(follower, notifications: false, duration: null);

        Assert.True((await Kit.Account(follower).FollowAsync(muting, FollowChange.None)).Changed);
        Assert.True((await Kit.Account(follower).FollowAsync(mutingWithoutNotifications, FollowChange.None)).Changed);

        Assert.Empty(await Kit.NotificationsAsync(muting));
        Assert.Single(await Kit.NotificationsAsync(mutingWithoutNotifications));
    }
}
