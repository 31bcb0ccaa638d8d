using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

/// <summary>The key social flows, run on each database (see the subclasses).</summary>
public abstract class SocialFlowTests(SocialSiloFixture fixture)
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Posting_reaches_followers_home_timelines_and_the_authors_own()
    {
        var author = await Kit.CreateAccountAsync();
        var followers = await Kit.CreateAccountsAsync(3);
        var stranger = await Kit.CreateAccountAsync();
        foreach (var follower in followers)
        {
            await Kit.FollowAsync(follower, author);
        }

        // Read once so the timelines are built and receive pushed entries from now on.
        foreach (var follower in followers)
        {
            Assert.Empty(await Kit.TimelineIdsAsync(follower));
        }

        var first = await Kit.PostAsync(author, "first");
        var second = await Kit.PostAsync(author, "second");

        foreach (var owner in followers.Append(author))
        {
            await Kit.WaitForTimelineAsync(owner, [second.Id, first.Id]);
        }

        Assert.Empty(await Kit.TimelineIdsAsync(stranger));
        Assert.Equal(2, (await Kit.Account(author).GetAsync())!.StatusesCount);
    }

    [Fact]
    public async Task Follow_twice_counts_once()
    {
        var follower = await Kit.CreateAccountAsync();
        var followee = await Kit.CreateAccountAsync();

        var first = await Kit.Account(follower).FollowAsync(followee, FollowChange.None);
        var second = await Kit.Account(follower).FollowAsync(followee, FollowChange.None);

        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(1, (await Kit.Account(followee).GetAsync())!.FollowersCount);
        Assert.Equal(1, (await Kit.Account(follower).GetAsync())!.FollowingCount);
        var relationships = await Kit.Account(followee).GetRelationshipsAsync([follower]);
        Assert.Equal(new GrainInterfaces.Accounts.Relationship(follower, false, true, false, false), relationships.Single());
    }

    [Fact]
    public async Task Concurrent_follows_of_one_account_by_200_accounts_count_exactly_200()
    {
        var followee = await Kit.CreateAccountAsync();
        var followers = await Kit.CreateAccountsAsync(200);

        await Task.WhenAll(followers.Select(f => Kit.Account(f).FollowAsync(followee, FollowChange.None)));

        Assert.Equal(200, (await Kit.Account(followee).GetAsync())!.FollowersCount);
        var page = await Kit.Account(followee).GetFollowersAsync(GrainInterfaces.Paging.PageRequest.Newest(80));
        Assert.Equal(80, page.Items.Length);
    }

    [Fact]
    public async Task Favourite_twice_counts_once()
    {
        var author = await Kit.CreateAccountAsync();
        var fan = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "like me");

        var first = await Kit.Status(status.Id).FavouriteAsync(fan);
        var second = await Kit.Status(status.Id).FavouriteAsync(fan);

        Assert.Equal(1, first.View!.Status.FavouritesCount);
        Assert.Equal(1, second.View!.Status.FavouritesCount);
        Assert.True(second.View.Favourited);
        Assert.Equal([fan], (await Kit.Status(status.Id).GetFavouritedByAsync(0, PageRequest.Newest(40))).Items.ToArray());
    }

    [Fact]
    public async Task Concurrent_favourites_from_1000_accounts_count_exactly_1000()
    {
        var author = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "popular");
        var fans = Enumerable.Range(0, 1000).Select(i => 5_000_000L + i).ToArray();

        var results = await Task.WhenAll(fans.Select(f => Kit.Status(status.Id).FavouriteAsync(f)));

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(1000, (await Kit.Status(status.Id).GetAsync(0))!.Status.FavouritesCount);
        Assert.Equal(1000, (await Kit.Status(status.Id).GetFavouritedByAsync(0, PageRequest.Newest(2000))).Items.Length);
    }

    [Fact]
    public async Task Concurrent_favourites_by_the_same_account_count_once()
    {
        var author = await Kit.CreateAccountAsync();
        var fan = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "once");

        await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Kit.Status(status.Id).FavouriteAsync(fan)));

        Assert.Equal(1, (await Kit.Status(status.Id).GetAsync(0))!.Status.FavouritesCount);
        await Kit.WaitForNotificationAsync(author, NotificationType.Favourite, fan, status.Id);
        Assert.Single(await Kit.NotificationsAsync(author), n => n.Type == NotificationType.Favourite);
    }

    [Fact]
    public async Task Reblog_reaches_followers_and_notifies_the_author()
    {
        var author = await Kit.CreateAccountAsync();
        var reblogger = await Kit.CreateAccountAsync();
        var follower = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(follower, reblogger);
        Assert.Empty(await Kit.TimelineIdsAsync(follower));
        var original = await Kit.PostAsync(author, "worth sharing");

        var reblog = await Kit.Status(original.Id).ReblogAsync(reblogger, StatusVisibility.Public);
        var again = await Kit.Status(original.Id).ReblogAsync(reblogger, StatusVisibility.Public);

        Assert.Null(reblog.Error);
        Assert.Equal(original.Id, reblog.View!.Status.ReblogOfId);
        Assert.Equal(reblog.View.Status.Id, again.View!.Status.Id);
        await Kit.WaitForTimelineAsync(follower, [reblog.View.Status.Id]);
        await Kit.WaitForNotificationAsync(author, NotificationType.Reblog, reblogger, original.Id);
        var view = await Kit.Status(original.Id).GetAsync(reblogger);
        Assert.Equal(1, view!.Status.ReblogsCount);
        Assert.True(view.Reblogged);
        Assert.Equal([reblogger], (await Kit.Status(original.Id).GetRebloggedByAsync(0, PageRequest.Newest(40))).Items.ToArray());
        Assert.Equal(1, (await Kit.Account(reblogger).GetAsync())!.StatusesCount);
    }

    [Fact]
    public async Task Reply_context_lists_ancestors_oldest_first_and_descendants_depth_first()
    {
        var alice = await Kit.CreateAccountAsync();
        var bob = await Kit.CreateAccountAsync();
        var root = await Kit.PostAsync(alice, "root");
        var reply1 = await Kit.PostAsync(bob, "reply 1", inReplyToId: root.Id);
        var reply11 = await Kit.PostAsync(alice, "reply 1.1", inReplyToId: reply1.Id);
        var reply2 = await Kit.PostAsync(bob, "reply 2", inReplyToId: root.Id);

        Assert.Equal(alice, reply1.InReplyToAccountId);
        await Eventually.WaitUntilAsync(
            async () => (await Kit.Status(root.Id).GetContextAsync(0))!.Descendants.Length == 3,
            "three descendants of the root");

        var rootContext = await Kit.Status(root.Id).GetContextAsync(0);
        Assert.Empty(rootContext!.Ancestors);
        Assert.Equal([reply1.Id, reply11.Id, reply2.Id], rootContext.Descendants.Select(d => d.Status.Id));
        var leafContext = await Kit.Status(reply11.Id).GetContextAsync(0);
        Assert.Equal([root.Id, reply1.Id], leafContext!.Ancestors.Select(a => a.Status.Id));
        Assert.Empty(leafContext.Descendants);
        await Eventually.WaitUntilAsync(
            async () => (await Kit.Status(root.Id).GetAsync(0))!.Status.RepliesCount == 2, "the root to count 2 replies");
        await Kit.WaitForNotificationAsync(alice, NotificationType.Mention, bob, reply1.Id);
    }

    [Fact]
    public async Task Delete_removes_the_status_from_timelines_and_counts_and_only_the_author_may_delete()
    {
        var author = await Kit.CreateAccountAsync();
        var follower = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(follower, author);
        Assert.Empty(await Kit.TimelineIdsAsync(follower));
        var keep = await Kit.PostAsync(author, "keep");
        var doomed = await Kit.PostAsync(author, "doomed");
        await Kit.WaitForTimelineAsync(follower, [doomed.Id, keep.Id]);

        var byOther = await Kit.Status(doomed.Id).DeleteAsync(follower);
        var byAuthor = await Kit.Status(doomed.Id).DeleteAsync(author);
        var twice = await Kit.Status(doomed.Id).DeleteAsync(author);

        Assert.Equal(StatusActionError.Forbidden, byOther.Error);
        Assert.Null(byAuthor.Error);
        Assert.Equal("doomed", byAuthor.View!.Status.Text);
        Assert.Equal(StatusActionError.NotFound, twice.Error);
        Assert.Null(await Kit.Status(doomed.Id).GetAsync(author));
        Assert.Equal(1, (await Kit.Account(author).GetAsync())!.StatusesCount);
        await Kit.WaitForTimelineAsync(follower, [keep.Id]);
        await Kit.WaitForTimelineAsync(author, [keep.Id]);
    }

    [Fact]
    public async Task Deleting_an_original_removes_its_reblogs()
    {
        var author = await Kit.CreateAccountAsync();
        var reblogger = await Kit.CreateAccountAsync();
        var original = await Kit.PostAsync(author, "short-lived");
        var reblog = (await Kit.Status(original.Id).ReblogAsync(reblogger, StatusVisibility.Public)).View!.Status;
        Assert.Equal(1, (await Kit.Account(reblogger).GetAsync())!.StatusesCount);

        await Kit.Status(original.Id).DeleteAsync(author);

        await Eventually.WaitUntilAsync(async () => await Kit.Status(reblog.Id).GetAsync(reblogger) is null, "the reblog to be deleted");
        await Eventually.WaitUntilAsync(
            async () => (await Kit.Account(reblogger).GetAsync())!.StatusesCount == 0, "the reblogger's count to drop to 0");
    }
}
