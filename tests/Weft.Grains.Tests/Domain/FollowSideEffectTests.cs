using Microsoft.Extensions.DependencyInjection;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.Grains.Tests.Support;

namespace Weft.Grains.Tests.Domain;

/// <summary>A follow's follow-up steps when the database fails for a moment: retried, so the notification is not lost.</summary>
public sealed class FollowSideEffectTests : SqliteSiloTest
{
    private readonly NotificationFaults _faults = new();

    private SocialTestKit Kit => new(Silo.GrainFactory);

    protected override void ConfigureServices(IServiceCollection services) => RecordingSocialStore.Decorate(services, _faults.Calls());

    [Fact]
    public async Task A_follow_notification_that_fails_twice_is_written_on_the_third_attempt()
    {
        var (follower, followee, result) = await FollowFailingNotificationsAsync(failures: 2);

        Assert.True(result.Changed);
        Assert.Equal(3, _faults.Attempts);
        var notification = Assert.Single(await Kit.NotificationsAsync(followee));
        Assert.Equal((NotificationType.Follow, follower), (notification.Type, notification.FromAccountId));
    }

    [Fact]
    public async Task A_notification_that_keeps_failing_leaves_the_follow_committed()
    {
        var (_, followee, result) = await FollowFailingNotificationsAsync(failures: 100);

        Assert.True(result.Changed && result.Relationship.Following);
        Assert.Equal(3, _faults.Attempts); // then given up
        Assert.Equal(1, (await Kit.Account(followee).GetAsync())!.FollowersCount);
        Assert.Empty(await Kit.NotificationsAsync(followee));
    }

    // A new account follows another whose next notification writes fail.
    private async Task<(long Follower, long Followee, FollowResult Result)> FollowFailingNotificationsAsync(int failures)
    {
        var follower = await Kit.CreateAccountAsync();
        var followee = await Kit.CreateAccountAsync();
        (_faults.RecipientId, _faults.Failures) = (followee, failures);
        return (follower, followee, await Kit.Account(follower).FollowAsync(followee, FollowChange.None));
    }
}
