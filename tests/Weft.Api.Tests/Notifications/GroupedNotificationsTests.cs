using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Notifications;

/// <summary>GET /api/v2/notifications (grouped, as Mastodon 4.3 clients read them) and the unread counts.</summary>
public sealed class GroupedNotificationsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Favourites_of_a_status_and_follows_fold_into_groups_with_their_accounts_and_status_once()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("group these")).Str("id");
        await bob.FollowAsync(alice);
        await carol.FollowAsync(alice);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        var mention = (await bob.PostStatusAsync($"hi @{alice.Username}")).Str("id");
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 5, "five notifications");

        var results = await alice.GetJsonAsync("/api/v2/notifications");

        var groups = results.GetProperty("notification_groups").EnumerateArray().ToList();
        Assert.Equal(["mention", "favourite", "follow"], groups.Select(g => g.Str("type")));
        Assert.Equal([1, 2, 2], groups.Select(g => g.GetProperty("notifications_count").GetInt32()));
        Assert.Equal(mention, groups[0].Str("status_id"));
        Assert.Equal(id, groups[1].Str("status_id"));
        Assert.False(groups[2].TryGetProperty("status_id", out _));
        Assert.Equal([carol.Id, bob.Id], groups[1].GetProperty("sample_account_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([carol.Id, bob.Id], groups[2].GetProperty("sample_account_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith($"favourite-{id}-", groups[1].Str("group_key"));
        Assert.Equal(groups[1].Str("most_recent_notification_id"), groups[1].Str("page_max_id"));
        Assert.True(long.Parse(groups[1].Str("page_min_id")) < long.Parse(groups[1].Str("page_max_id")));
        Assert.Equal([bob.Id, carol.Id], results.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")).Order());
        Assert.Equal([id, mention], results.GetProperty("statuses").EnumerateArray().Select(s => s.Str("id")).Order());

        // The v1 list names the same groups; grouped_types can turn grouping off.
        var v1 = await alice.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(groups[1].Str("group_key"), v1[1].Str("group_key"));
        var ungrouped = await alice.GetJsonAsync("/api/v2/notifications?grouped_types[]=reblog");
        Assert.Equal(5, ungrouped.GetProperty("notification_groups").GetArrayLength());
    }

    [Fact]
    public async Task Limit_counts_groups_and_paging_by_link_header_reaches_every_notification()
    {
        using var alice = await api.NewUserAsync("alice");
        var mentions = new List<string>();
        using var bob = await api.NewUserAsync("bob");
        for (var i = 0; i < 5; i++)
        {
            mentions.Insert(0, (await bob.PostStatusAsync($"@{alice.Username} number {i}")).Str("id"));
        }

        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 5, "five mentions");

        var seen = new List<string>();
        var path = "/api/v2/notifications?limit=2&types[]=mention";
        for (var pages = 0; path is not null && pages < 5; pages++)
        {
            var response = await alice.Client.GetAsync(path);
            var page = await Json.ReadAsync(response, HttpStatusCode.OK);
            var groups = page.GetProperty("notification_groups");
            Assert.True(groups.GetArrayLength() <= 2);
            seen.AddRange(groups.EnumerateArray().Select(g => g.Str("status_id")));
            path = groups.GetArrayLength() == 0 ? null : LinkHeaders.Find(response, "next");
        }

        Assert.Equal(mentions, seen);
        Assert.Empty((await alice.GetJsonAsync("/api/v2/notifications?types[]=severed_relationships")).GetProperty("notification_groups").EnumerateArray());
    }

    [Fact]
    public async Task Unread_counts_count_notifications_and_groups_up_to_the_limit()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("count me")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await bob.FollowAsync(alice);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "three notifications");

        Assert.Equal(3, (await alice.GetJsonAsync("/api/v1/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(2, (await alice.GetJsonAsync("/api/v1/notifications/unread_count?limit=2")).GetProperty("count").GetInt32());
        Assert.Equal(2, (await alice.GetJsonAsync("/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        Assert.Equal(1, (await alice.GetJsonAsync("/api/v2/notifications/unread_count?limit=1")).GetProperty("count").GetInt32());
        Assert.Equal(0, (await bob.GetJsonAsync("/api/v2/notifications/unread_count")).GetProperty("count").GetInt32());
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/notifications/unread_count?limit=many"), HttpStatusCode.BadRequest);
    }
}
