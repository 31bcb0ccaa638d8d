using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

public sealed class HomeTimelineTests(SqliteSocialSiloFixture fixture) : IClassFixture<SqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task Following_merges_the_recent_statuses_of_the_followed_account()
    {
        var author = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var older = await Kit.PostAsync(author, "older");
        var newer = await Kit.PostAsync(author, "newer");
        await Kit.WaitForTimelineAsync(author, [newer.Id, older.Id]);

        await Kit.FollowAsync(reader, author);

        Assert.Equal([newer.Id, older.Id], await Kit.TimelineIdsAsync(reader));
    }

    [Fact]
    public async Task Unfollow_removes_the_authors_statuses_from_the_home_timeline()
    {
        var author = await Kit.CreateAccountAsync();
        var other = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, author);
        await Kit.FollowAsync(reader, other);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var byAuthor = await Kit.PostAsync(author, "going away");
        var byOther = await Kit.PostAsync(other, "staying");
        await Kit.WaitForTimelineAsync(reader, [byOther.Id, byAuthor.Id]);

        var result = await Kit.Account(reader).UnfollowAsync(author);

        Assert.True(result.Changed);
        Assert.False(result.Relationship.Following);
        Assert.Equal([byOther.Id], await Kit.TimelineIdsAsync(reader));
        Assert.Equal(0, (await Kit.Account(author).GetAsync())!.FollowersCount);
    }

    [Fact]
    public async Task A_status_delivered_after_the_unfollow_stays_out_of_the_home_timeline()
    {
        var author = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, author);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var status = await Kit.PostAsync(author, "in flight");
        await Kit.WaitForTimelineAsync(author, [status.Id]);
        await Kit.WaitForTimelineAsync(reader, [status.Id]);

        Assert.True((await Kit.Account(reader).UnfollowAsync(author)).Changed);
        // The fan-out read its follower page before the unfollow and delivers (again) after it.
        await Kit.Timeline(reader).AddAsync([new TimelineEntry(status.Id, author, null, null, null)]);

        Assert.Empty(await Kit.TimelineIdsAsync(reader));

        // Following again brings the author back, pushed entries included.
        await Kit.FollowAsync(reader, author);
        var later = await Kit.PostAsync(author, "later");
        await Kit.WaitForTimelineAsync(reader, [later.Id, status.Id]);
    }

    [Fact]
    public async Task A_second_reblog_of_a_status_among_the_newest_40_entries_is_skipped()
    {
        var author = await Kit.CreateAccountAsync();
        var first = await Kit.CreateAccountAsync();
        var second = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, first);
        await Kit.FollowAsync(reader, second);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var original = await Kit.PostAsync(author, "shared twice");

        var reblog1 = (await Kit.Status(original.Id).ReblogAsync(first, StatusVisibility.Public)).View!.Status;
        await Kit.WaitForTimelineAsync(reader, [reblog1.Id]);
        var reblog2 = (await Kit.Status(original.Id).ReblogAsync(second, StatusVisibility.Public)).View!.Status;
        var marker = await Kit.PostAsync(second, "after the second reblog");

        // The marker comes after the second reblog on the same stream, so once it is in, the reblog was handled.
        await Kit.WaitForTimelineAsync(reader, [marker.Id, reblog1.Id]);
        Assert.DoesNotContain(reblog2.Id, await Kit.TimelineIdsAsync(reader));
    }

    [Fact]
    public async Task Home_timeline_keeps_the_newest_800_entries()
    {
        var author = await Kit.CreateAccountAsync();
        var reader = await Kit.CreateAccountAsync();
        await Kit.FollowAsync(reader, author);
        Assert.Empty(await Kit.TimelineIdsAsync(reader));
        var posted = new List<long>();
        for (var i = 0; i < 820; i++)
        {
            posted.Add((await Kit.PostAsync(author, "post " + i)).Id);
        }

        await Kit.WaitForTimelineToContainAsync(reader, posted[^1]);
        var all = new List<long>();
        long? maxId = null;
        while (true)
        {
            var page = await Kit.Timeline(reader).ReadAsync(new PageRequest(maxId, null, null, 40));
            if (page.Entries.IsEmpty)
            {
                break;
            }

            all.AddRange(page.Entries.Select(e => e.StatusId));
            maxId = page.Entries[^1].StatusId;
        }

        Assert.Equal(800, all.Count);
        Assert.Equal(posted.AsEnumerable().Reverse().Take(800), all);
    }

    [Fact]
    public async Task Min_id_returns_the_entries_just_above_it_newest_first()
    {
        var author = await Kit.CreateAccountAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await Kit.PostAsync(author, "post " + i)).Id);
        }

        await Kit.WaitForTimelineToContainAsync(author, ids[^1]);

        var page = await Kit.Timeline(author).ReadAsync(new PageRequest(null, null, ids[0], 2));
        var since = await Kit.Timeline(author).ReadAsync(new PageRequest(null, ids[0], null, 2));

        Assert.Equal([ids[2], ids[1]], SocialTestKit.Ids(page.Entries));
        Assert.Equal([ids[4], ids[3]], SocialTestKit.Ids(since.Entries));
    }

    [Fact]
    public async Task Own_statuses_reach_the_authors_timeline_even_before_it_was_read()
    {
        var author = await Kit.CreateAccountAsync();
        var status = await Kit.PostAsync(author, "mine");

        await Eventually.WaitUntilAsync(
            async () => (await Kit.TimelineIdsAsync(author)).SequenceEqual([status.Id]), "the author's own status in their timeline");
    }
}
