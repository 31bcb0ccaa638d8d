using System.Collections.Immutable;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Testing;

namespace Weft.Grains.Tests.Support;

/// <summary>Arranging and observing the social domain through its grain contracts only.</summary>
public sealed class SocialTestKit(IGrainFactory grains)
{
    private static long s_nextAccountId = 1_000;

    public IGrainFactory Grains => grains;

    public IAccountGrain Account(long id) => grains.GetGrain<IAccountGrain>(id);

    public IStatusGrain Status(long id) => grains.GetGrain<IStatusGrain>(id);

    public IHomeTimelineGrain Timeline(long id) => grains.GetGrain<IHomeTimelineGrain>(id);

    public INotificationsGrain Notifications(long id) => grains.GetGrain<INotificationsGrain>(id);

    /// <summary>Creates an account and claims its username, as registration does.</summary>
    public async Task<long> CreateAccountAsync()
    {
        var id = Interlocked.Increment(ref s_nextAccountId);
        var username = "user" + id;
        var holder = await grains.GetGrain<IUniqueNameGrain>("username:" + username).ClaimAsync(id);
        Assert.Equal(id, holder);
        await Account(id).CreateAsync(new AccountProfile(id, username, "User " + id, string.Empty, DateTimeOffset.UtcNow, false, false));
        return id;
    }

    public async Task<long[]> CreateAccountsAsync(int count)
    {
        var ids = new long[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = await CreateAccountAsync();
        }

        return ids;
    }

    public async Task FollowAsync(long follower, long followee)
    {
        var result = await Account(follower).FollowAsync(followee, FollowChange.None);
        Assert.Null(result.Error);
        Assert.True(result.Relationship.Following);
    }

    public async Task<StatusSnapshot> PostAsync(
        long author, string text, StatusVisibility visibility = StatusVisibility.Public, long? inReplyToId = null, string? idempotencyKey = null)
    {
        var result = await Account(author).PostStatusAsync(
            new StatusDraft(text, visibility, inReplyToId, string.Empty, false, "en", "tests"), idempotencyKey);
        Assert.Null(result.Error);
        return result.Status!;
    }

    public async Task<long[]> TimelineIdsAsync(long owner, int limit = 40)
    {
        var page = await Timeline(owner).ReadAsync(PageRequest.Newest(limit));
        Assert.False(page.Regenerating);
        return Ids(page.Entries);
    }

    /// <summary>Waits until the owner's newest <paramref name="limit"/> timeline entries are exactly <paramref name="expected"/> (newest first).</summary>
    public Task WaitForTimelineAsync(long owner, long[] expected, int limit = 40) =>
        Eventually.WaitUntilAsync(
            async () => (await TimelineIdsAsync(owner, limit)).SequenceEqual(expected),
            $"home timeline of {owner} to be [{string.Join(", ", expected)}]");

    public Task WaitForTimelineToContainAsync(long owner, long statusId) =>
        Eventually.WaitUntilAsync(
            async () => (await TimelineIdsAsync(owner)).Contains(statusId),
            $"home timeline of {owner} to contain {statusId}");

    public async Task<ImmutableArray<Notification>> NotificationsAsync(long recipient) =>
        await Notifications(recipient).ListAsync(new NotificationQuery(PageRequest.Newest(40), [], [], null));

    public Task WaitForNotificationAsync(long recipient, NotificationType type, long from, long? statusId) =>
        Eventually.WaitUntilAsync(
            async () => (await NotificationsAsync(recipient)).Any(n => n.Type == type && n.FromAccountId == from && n.StatusId == statusId),
            $"a {type} notification for {recipient} from {from} about {statusId}");

    public static long[] Ids(ImmutableArray<TimelineEntry> entries) => [.. entries.Select(e => e.StatusId)];
}
