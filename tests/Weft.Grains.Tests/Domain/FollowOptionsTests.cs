using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

/// <summary>Mastodon's home filter for replies, and the follow options <c>reblogs</c> and <c>notify</c>.</summary>
public sealed class FollowOptionsTests(SqliteSocialSiloFixture fixture) : IClassFixture<SqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Replies_reach_home_only_when_the_reader_follows_or_is_the_account_replied_to()
    {
        var author = await Kit.CreateAccountAsync();
        var friend = await Kit.CreateAccountAsync();
        var stranger = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, friend);
        await Kit.FollowAsync(reader, author);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var byFriend = await Kit.PostAsync(friend, "friend's post");
        var byStranger = await Kit.PostAsync(stranger, "stranger's post");
        var byReader = await Kit.PostAsync(reader, "reader's post");
        var own = await Kit.PostAsync(author, "author's post");

        var toStranger = await Kit.PostAsync(author, "reply to a stranger", inReplyToId: byStranger.Id);
        var toFriend = await Kit.PostAsync(author, "reply to a friend", inReplyToId: byFriend.Id);
        var toReader = await Kit.PostAsync(author, "reply to the reader", inReplyToId: byReader.Id);
        var toSelf = await Kit.PostAsync(author, "thread, part 2", inReplyToId: own.Id);
        var marker = await Kit.PostAsync(author, "marker");

        // One author's statuses travel in order on one stream: with the marker in, the reply to the stranger was handled.
        await Kit.WaitForTimelineAsync(reader, [marker.Id, toSelf.Id, toReader.Id, toFriend.Id, own.Id, byReader.Id, byFriend.Id]);
        Assert.DoesNotContain(toStranger.Id, await Kit.TimelineIdsAsync(reader));

        // A timeline built from the store later applies the same filter.
        var later = await Kit.CreateAccountAsync();
        Assert.Empty(await Kit.TimelineIdsAsync(later));
        await Kit.FollowAsync(later, friend);
        await Kit.FollowAsync(later, author);
        Assert.Equal([marker.Id, toSelf.Id, toFriend.Id, own.Id, byFriend.Id], await Kit.TimelineIdsAsync(later));
    }

    [Fact]
    public async Task Turning_reblogs_off_removes_and_keeps_out_the_followees_reblogs_and_turning_them_on_merges_them_back()
    {
        var reblogger = await Kit.CreateAccountAsync();
        var stranger = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, reblogger);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var first = await Kit.PostAsync(stranger, "first");
        var second = await Kit.PostAsync(stranger, "second");
        var firstReblog = (await Kit.Status(first.Id).ReblogAsync(reblogger, StatusVisibility.Public)).View!.Status;
        var own = await Kit.PostAsync(reblogger, "own words");
        await Kit.WaitForTimelineAsync(reader, [own.Id, firstReblog.Id]);

        var hidden = await Kit.Account(reader).FollowAsync(reblogger, new FollowChange(ShowReblogs: false, Notify: null));

        Assert.Null(hidden.Error);
        Assert.True(hidden.Changed);
        Assert.True(hidden.Relationship.Following);
        Assert.False(hidden.Relationship.ShowingReblogs);
        Assert.Equal([own.Id], await Kit.TimelineIdsAsync(reader));
        var secondReblog = (await Kit.Status(second.Id).ReblogAsync(reblogger, StatusVisibility.Public)).View!.Status;
        var marker = await Kit.PostAsync(reblogger, "marker");
        await Kit.WaitForTimelineToContainAsync(reader, marker.Id);
        Assert.Equal([marker.Id, own.Id], await Kit.TimelineIdsAsync(reader));

        var again = await Kit.Account(reader).FollowAsync(reblogger, new FollowChange(ShowReblogs: false, Notify: null));
        Assert.False(again.Changed);

        var shown = await Kit.Account(reader).FollowAsync(reblogger, new FollowChange(ShowReblogs: true, Notify: null));

        Assert.True(shown.Relationship.ShowingReblogs);
        Assert.Equal([marker.Id, secondReblog.Id, own.Id, firstReblog.Id], await Kit.TimelineIdsAsync(reader));
        Assert.Equal(1, (await Kit.Account(reader).GetAsync())!.FollowingCount);
        Assert.Equal(1, (await Kit.Account(reblogger).GetAsync())!.FollowersCount);
    }

    [Fact]
    public async Task Notify_tells_the_follower_of_each_new_status_but_not_of_replies_to_others_or_reblogs()
    {
        var author = await Kit.CreateAccountAsync();
        var other = await Kit.CreateAccountAsync();
        var notified = await Kit.CreateAccountAsync();
        var plain = await Kit.CreateAccountAsync();
        var follow = await Kit.Account(notified).FollowAsync(author, new FollowChange(ShowReblogs: null, Notify: true));
        await Kit.FollowAsync(plain, author);
        Assert.True(follow.Relationship.Notifying);
        Assert.True(follow.Relationship.ShowingReblogs);
        var byOther = await Kit.PostAsync(other, "someone else");

        var post = await Kit.PostAsync(author, "news");
        var toOther = await Kit.PostAsync(author, "a reply", inReplyToId: byOther.Id);
        await Kit.Status(byOther.Id).ReblogAsync(author, StatusVisibility.Public);
        var followersOnly = await Kit.PostAsync(author, "for followers", StatusVisibility.Private);
        var direct = await Kit.PostAsync(author, $"psst @user{other}", StatusVisibility.Direct);
        var marker = await Kit.PostAsync(author, "marker");

        await Kit.WaitForNotificationAsync(notified, NotificationType.Status, author, marker.Id);
        var statusNotifications = (await Kit.NotificationsAsync(notified)).Where(n => n.Type == NotificationType.Status).Select(n => n.StatusId);
        Assert.Equal([marker.Id, followersOnly.Id, post.Id], statusNotifications);
        Assert.DoesNotContain(toOther.Id, statusNotifications);
        Assert.DoesNotContain(direct.Id, statusNotifications);
        Assert.DoesNotContain(await Kit.NotificationsAsync(plain), n => n.Type == NotificationType.Status);

        Assert.Null((await Kit.Status(post.Id).DeleteAsync(author)).Error);
        await Eventually.WaitUntilAsync(
            async () => !(await Kit.NotificationsAsync(notified)).Any(n => n.StatusId == post.Id),
            "the deleted status's notification to go");

        var relationships = await Kit.Account(notified).GetRelationshipsAsync([author]);
        Assert.Equal(new Relationship(author, Following: true, FollowedBy: false, ShowingReblogs: true, Notifying: true), relationships.Single());
    }
}
