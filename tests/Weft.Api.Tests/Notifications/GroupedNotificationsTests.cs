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
        Assert.False(results.TryGetProperty("partial_accounts", out _));

        // partial_avatars: each group's most recent account in full (carol: both groups'), the rest in short.
        var partial = await alice.GetJsonAsync("/api/v2/notifications?expand_accounts=partial_avatars");
        Assert.Equal([bob.Id, carol.Id], partial.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")).Order());
        Assert.Equal(0, partial.GetProperty("partial_accounts").GetArrayLength()); // bob leads the mention group
        var favouritesOnly = await alice.GetJsonAsync("/api/v2/notifications?expand_accounts=partial_avatars&types[]=favourite");
        Assert.Equal([carol.Id], favouritesOnly.GetProperty("accounts").EnumerateArray().Select(a => a.Str("id")));
        var shortBob = Assert.Single(favouritesOnly.GetProperty("partial_accounts").EnumerateArray());
        Assert.Equal(
            ["acct", "avatar", "avatar_static", "bot", "id", "locked", "url"],
            shortBob.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal((bob.Id, bob.Username), (shortBob.Str("id"), shortBob.Str("acct")));
        var invalid = await Json.ReadAsync(await alice.Client.GetAsync("/api/v2/notifications?expand_accounts=some"), HttpStatusCode.BadRequest);
        Assert.Contains("expand_accounts", invalid.Str("error"), StringComparison.Ordinal);

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

    [Fact]
    public async Task Unread_counts_take_the_lists_filters()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("filter my count")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await bob.FollowAsync(alice);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "three notifications");

        async Task<int> Count(string path) => (await alice.GetJsonAsync(path)).GetProperty("count").GetInt32();
        Assert.Equal(2, await Count("/api/v1/notifications/unread_count?types[]=favourite"));
        Assert.Equal(1, await Count("/api/v1/notifications/unread_count?exclude_types[]=favourite"));
        Assert.Equal(2, await Count($"/api/v1/notifications/unread_count?account_id={bob.Id}"));
        Assert.Equal(0, await Count("/api/v1/notifications/unread_count?types[]=severed_relationships"));
        Assert.Equal(1, await Count("/api/v2/notifications/unread_count?types[]=favourite"));
        Assert.Equal(2, await Count("/api/v2/notifications/unread_count?types[]=favourite&grouped_types[]=follow"));
    }

    [Fact]
    public async Task A_group_reads_back_by_its_key_lists_its_accounts_and_is_dismissed_whole()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        using var dave = await api.NewUserAsync("dave");
        var id = (await alice.PostStatusAsync("favourite me")).Str("id");
        var other = (await alice.PostStatusAsync("and me")).Str("id");
        foreach (var user in new[] { bob, carol, dave })
        {
            await Json.ReadAsync(await user.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        }

        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{other}/favourite"), HttpStatusCode.OK);
        var mention = (await bob.PostStatusAsync($"hello @{alice.Username}")).Str("id");
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 5, "five notifications");
        var groups = (await alice.GetJsonAsync("/api/v2/notifications")).GetProperty("notification_groups").EnumerateArray().ToList();
        var favourites = groups.Single(g => g.Str("type") == "favourite" && g.Str("status_id") == id).Str("group_key");
        var mentionKey = groups.Single(g => g.Str("type") == "mention").Str("group_key");

        // One group, whole, with what it names.
        var one = await alice.GetJsonAsync($"/api/v2/notifications/{favourites}");
        var group = Assert.Single(one.GetProperty("notification_groups").EnumerateArray());
        Assert.Equal(favourites, group.Str("group_key"));
        Assert.Equal(3, group.GetProperty("notifications_count").GetInt32());
        Assert.Equal([dave.Id, carol.Id, bob.Id], group.GetProperty("sample_account_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([id], one.GetProperty("statuses").EnumerateArray().Select(s => s.Str("id")));
        Assert.Equal(3, one.GetProperty("accounts").GetArrayLength());
        var single = await alice.GetJsonAsync($"/api/v2/notifications/{mentionKey}");
        Assert.Equal(mention, Assert.Single(single.GetProperty("notification_groups").EnumerateArray()).Str("status_id"));

        // Its accounts, newest first, paged by notification id.
        var response = await alice.Client.GetAsync($"/api/v2/notifications/{favourites}/accounts?limit=2");
        var page = await Json.ReadAsync(response, HttpStatusCode.OK);
        Assert.Equal([dave.Id, carol.Id], page.EnumerateArray().Select(a => a.Str("id")));
        var next = LinkHeaders.Find(response, "next");
        Assert.NotNull(next);
        Assert.Equal([bob.Id], (await alice.GetJsonAsync(next)).EnumerateArray().Select(a => a.Str("id")));

        // Keys that name nothing.
        foreach (var key in new[] { "favourite-1-1", "ungrouped-1", "nonsense", "follow-99999999999999999999", "favourite-x-1", "reblog-1-9223372036854775807" })
        {
            await Json.ReadAsync(await alice.Client.GetAsync($"/api/v2/notifications/{key}"), HttpStatusCode.NotFound);
            Assert.Equal(0, (await alice.GetJsonAsync($"/api/v2/notifications/{key}/accounts")).GetArrayLength());
            await Json.ReadAsync(await alice.PostFormAsync($"/api/v2/notifications/{key}/dismiss"), HttpStatusCode.OK);
        }

        // Someone else's key reads nothing of alice's, and dismissing it leaves hers alone.
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v2/notifications/{favourites}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v2/notifications/{favourites}/dismiss"), HttpStatusCode.OK);
        Assert.Equal(5, (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength());

        // Dismissing the group takes its three notifications and nothing else.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v2/notifications/{favourites}/dismiss"), HttpStatusCode.OK);
        var left = await alice.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(["mention", "favourite"], left.EnumerateArray().Select(n => n.Str("type")));
        Assert.Equal(other, left[1].GetProperty("status").Str("id"));
        await Json.ReadAsync(await alice.Client.GetAsync($"/api/v2/notifications/{favourites}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v2/notifications/{mentionKey}/dismiss"), HttpStatusCode.OK);
        Assert.Single((await alice.GetJsonAsync("/api/v1/notifications")).EnumerateArray());
    }
}
