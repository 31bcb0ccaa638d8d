using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;
using Weft.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Grains.Tests.Domain;

public sealed class NotificationTests(SqliteSocialSiloFixture fixture) : IClassFixture<SqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Follow_favourite_reblog_mention_and_reply_notify_the_account_concerned()
    {
        var alice = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var carol = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(bob, alice);
        var post = await Kit.PostAsync(alice, "hello");
        await Kit.Status(post.Id).FavouriteAsync(bob);
        await Kit.Status(post.Id).ReblogAsync(bob, StatusVisibility.Public);
        var mention = await Kit.PostAsync(bob, $"hey @user{carol} and @nobody_here");
        var reply = await Kit.PostAsync(carol, "a reply without a mention", inReplyToId: post.Id);

        await Kit.WaitForNotificationAsync(alice, NotificationType.Follow, bob, null);
        await Kit.WaitForNotificationAsync(alice, NotificationType.Favourite, bob, post.Id);
        await Kit.WaitForNotificationAsync(alice, NotificationType.Reblog, bob, post.Id);
        await Kit.WaitForNotificationAsync(carol, NotificationType.Mention, bob, mention.Id);
        await Kit.WaitForNotificationAsync(alice, NotificationType.Mention, carol, reply.Id);
        Assert.Equal([carol], mention.Mentions.Select(m => m.AccountId));
        Assert.Equal(4, (await Kit.NotificationsAsync(alice)).Length);
    }

    [Fact]
    public async Task A_reply_that_also_mentions_the_replied_to_author_notifies_once()
    {
        var alice = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var post = await Kit.PostAsync(alice, "question");
        var reply = await Kit.PostAsync(bob, $"@user{alice} answer", inReplyToId: post.Id);
        var marker = await Kit.PostAsync(bob, $"@user{alice} marker");

        await Kit.WaitForNotificationAsync(alice, NotificationType.Mention, bob, marker.Id);
        Assert.Single(await Kit.NotificationsAsync(alice), n => n.StatusId == reply.Id);
    }

    [Fact]
    public async Task Own_actions_do_not_notify()
    {
        var alice = await Kit.CreateAccountAsync();
        var post = await Kit.PostAsync(alice, $"talking to myself @user{alice}");
        await Kit.Status(post.Id).FavouriteAsync(alice);
        var reply = await Kit.PostAsync(alice, "and replying", inReplyToId: post.Id);
        await Eventually.WaitUntilAsync(
            async () => (await Kit.Status(post.Id).GetAsync(0))!.Status.RepliesCount == 1, "the reply to be fanned out");

        Assert.Empty(await Kit.NotificationsAsync(alice));
        Assert.Equal(post.Id, reply.InReplyToId);
    }

    [Fact]
    public async Task Deleting_a_status_removes_the_notifications_about_it()
    {
        var alice = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var mention = await Kit.PostAsync(bob, $"hi @user{alice}");
        await Kit.WaitForNotificationAsync(alice, NotificationType.Mention, bob, mention.Id);

        await Kit.Status(mention.Id).DeleteAsync(bob);

        await Eventually.WaitUntilAsync(async () => (await Kit.NotificationsAsync(alice)).IsEmpty, "the mention notification to be removed");
    }

    [Fact]
    public async Task A_new_notification_is_pushed_live_and_can_be_dismissed()
    {
        var alice = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var live = fixture.Silo.Services.GetRequiredService<ILiveFeed>();
        var received = new List<LiveEvent>();
        using var subscription = live.Subscribe(LiveChannel.User(alice), e => { lock (received) { received.Add(e); } });

        await Kit.FollowAsync(bob, alice);

        var notification = (await Kit.NotificationsAsync(alice)).Single();
        Assert.Equal(NotificationType.Follow, notification.Type);
        lock (received)
        {
            Assert.Contains(new LiveEvent(LiveEventKind.Notification, notification.Id), received);
        }

        Assert.Equal(notification, await Kit.Notifications(alice).GetAsync(notification.Id));
        Assert.True(await Kit.Notifications(alice).DismissAsync(notification.Id));
        Assert.False(await Kit.Notifications(alice).DismissAsync(notification.Id));
        Assert.Empty(await Kit.NotificationsAsync(alice));
    }
}
