using Microsoft.Extensions.DependencyInjection;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Testing;

namespace Weft.Grains.Tests.Domain;

/// <summary>With more than 3 followers an author is big (see the fixture): followers merge its statuses at read time.</summary>
public sealed class HybridFanoutTests(SmallThresholdSqliteSocialSiloFixture fixture) : IClassFixture<SmallThresholdSqliteSocialSiloFixture>
{
    private SocialTestKit Kit => fixture.Kit;

    [Fact]
    public async Task A_big_authors_statuses_appear_in_followers_timelines_at_read_time_in_order_with_pushed_entries()
    {
        var big = await Kit.CreateAccountAsync();
        var small = await Kit.CreateAccountAsync();
        var readers = await Kit.CreateAccountsAsync(4);
        foreach (var reader in readers)
        {
            Assert.Empty(await Kit.TimelineIdsAsync(reader));
            await Kit.FollowAsync(reader, big);
        }

        await Kit.FollowAsync(readers[0], small);

        var small1 = await Kit.PostAsync(small, "pushed 1");
        var big1 = await Kit.PostAsync(big, "merged at read time 1");
        var small2 = await Kit.PostAsync(small, "pushed 2");
        var big2 = await Kit.PostAsync(big, "merged at read time 2");

        await Kit.WaitForTimelineAsync(readers[0], [big2.Id, small2.Id, big1.Id, small1.Id]);
        foreach (var reader in readers[1..])
        {
            await Kit.WaitForTimelineAsync(reader, [big2.Id, big1.Id]);
        }

        await Kit.WaitForTimelineAsync(big, [big2.Id, big1.Id]);
        var store = fixture.Silo.Services.GetRequiredService<ISocialStore>();
        Assert.Equal([big], await store.ListBigFolloweesAsync(readers[0], CancellationToken.None));
    }

    [Fact]
    public async Task A_deleted_status_of_a_big_author_leaves_followers_timelines()
    {
        var (big, readers) = await BigAuthorWithReadersAsync();

        // Not pushed to followers, a big author's statuses still notify those who asked, and deleting takes that back.
        var notified = await Kit.CreateAccountAsync();
        await Kit.Account(notified).FollowAsync(big, new FollowChange(ShowReblogs: null, Notify: true));

        // The fan-out records the author as big with its first status; timelines built after that take the author's
        // statuses from its feed only. (One built before copies what the index holds, like any followee's: a deletion
        // is then hidden when statuses are read, as big authors' deletions are not pushed.)
        var keep = await Kit.PostAsync(big, "keep");
        await WaitUntilRecordedBigAsync(big, readers[0]);
        var doomed = await Kit.PostAsync(big, "doomed");
        await Kit.WaitForTimelineAsync(readers[0], [doomed.Id, keep.Id]);

        await Kit.WaitForNotificationAsync(notified, NotificationType.Status, big, doomed.Id);
        await Kit.Status(doomed.Id).DeleteAsync(big);

        await Kit.WaitForTimelineAsync(readers[0], [keep.Id]);
        await Eventually.WaitUntilAsync(
            async () => (await Kit.NotificationsAsync(notified)).Select(n => n.StatusId).SequenceEqual([keep.Id]),
            "only the kept status's notification to stay");
        await Eventually.WaitUntilAsync(
            async () => (await Kit.Account(big).GetAsync())!.StatusesCount == 1, "the big author's count to be 1");
    }

    [Fact]
    public async Task A_big_authors_direct_status_reaches_a_timeline_built_after_its_delivery()
    {
        var (big, readers) = await BigAuthorWithReadersAsync();
        var first = await Kit.PostAsync(big, "makes the author big");
        await WaitUntilRecordedBigAsync(big, readers[0]);

        // Direct statuses are pushed to the mentioned followers only, never kept in the author's feed: a timeline that
        // was not built when the push came must copy it from the store when it is.
        var direct = await Kit.PostAsync(big, $"@user{readers[0]} just you", GrainInterfaces.Statuses.StatusVisibility.Direct);
        await Kit.WaitForNotificationAsync(readers[0], NotificationType.Mention, big, direct.Id);

        Assert.Equal([direct.Id, first.Id], await Kit.TimelineIdsAsync(readers[0]));
        Assert.Equal([first.Id], await Kit.TimelineIdsAsync(readers[1]));
    }

    // An author followed by 4 readers: more than the fixture's threshold, so big from its first status's fan-out on.
    private async Task<(long Big, long[] Readers)> BigAuthorWithReadersAsync()
    {
        var big = await Kit.CreateAccountAsync();
        var readers = await Kit.CreateAccountsAsync(4);
        foreach (var reader in readers)
        {
            await Kit.FollowAsync(reader, big);
        }

        return (big, readers);
    }

    private Task WaitUntilRecordedBigAsync(long author, long follower)
    {
        var store = fixture.Silo.Services.GetRequiredService<ISocialStore>();
        return Eventually.WaitUntilAsync(
            async () => (await store.ListBigFolloweesAsync(follower, CancellationToken.None)).Contains(author), "the author to be recorded as big");
    }
}
