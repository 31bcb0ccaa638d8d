using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Notifications;

public sealed class NotificationsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Follow_favourite_reblog_and_mention_each_notify_once()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var id = (await alice.PostStatusAsync("notice me")).Str("id");

        await bob.FollowAsync(alice);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);
        var mention = (await bob.PostStatusAsync($"hey @{alice.Username}")).Str("id");

        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 4, "four notifications");
        var notifications = await alice.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(["mention", "reblog", "favourite", "follow"], notifications.EnumerateArray().Select(n => n.Str("type")));
        Assert.All(notifications.EnumerateArray(), n => Assert.Equal(bob.Id, n.GetProperty("account").Str("id")));
        Assert.Equal(mention, notifications[0].GetProperty("status").Str("id"));
        Assert.Equal(id, notifications[1].GetProperty("status").Str("id"));
        Assert.Equal(id, notifications[2].GetProperty("status").Str("id"));
        Assert.False(notifications[3].TryGetProperty("status", out _));
        Assert.Equal("ungrouped-" + notifications[0].Str("id"), notifications[0].Str("group_key"));
        Assert.StartsWith($"favourite-{id}-", notifications[2].Str("group_key"));
        Assert.StartsWith("follow-", notifications[3].Str("group_key"));
        Assert.Empty(Json.Ids(await bob.GetJsonAsync("/api/v1/notifications")));
    }

    [Fact]
    public async Task Undoing_a_follow_favourite_or_reblog_removes_its_notification_and_keeps_the_others()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("undo me")).Str("id");
        await bob.FollowAsync(alice);
        await carol.FollowAsync(alice);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 5, "five notifications");

        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unreblog"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/unfollow"), HttpStatusCode.OK);

        await Eventually.WaitUntilAsync(
            async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 2,
            "bob's three notifications to go");
        var left = await alice.GetJsonAsync("/api/v1/notifications");
        Assert.Equal(["favourite", "follow"], left.EnumerateArray().Select(n => n.Str("type")));
        Assert.All(left.EnumerateArray(), n => Assert.Equal(carol.Id, n.GetProperty("account").Str("id")));
    }

    [Fact]
    public async Task Notifications_filter_by_type_and_account()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("filter me")).Str("id");
        await bob.FollowAsync(alice);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 2, "two notifications");

        Assert.Equal(["follow"], (await alice.GetJsonAsync("/api/v1/notifications?types[]=follow")).EnumerateArray().Select(n => n.Str("type")));
        Assert.Equal(["favourite"], (await alice.GetJsonAsync("/api/v1/notifications?exclude_types[]=follow")).EnumerateArray().Select(n => n.Str("type")));
        Assert.Equal(["favourite"], (await alice.GetJsonAsync($"/api/v1/notifications?account_id={carol.Id}")).EnumerateArray().Select(n => n.Str("type")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=poll")));
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/notifications?account_id=bad"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Notifications_page_with_link_headers()
    {
        using var alice = await api.NewUserAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            using var fan = await api.NewUserAsync("fan");
            await fan.FollowAsync(alice);
        }

        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "three follows");
        var all = Json.Ids(await alice.GetJsonAsync("/api/v1/notifications"));
        var first = await alice.Client.GetAsync("/api/v1/notifications?limit=2&types[]=follow");
        Assert.Equal(all[..2], Json.Ids(await Json.ReadAsync(first, HttpStatusCode.OK)));
        var next = LinkHeaders.Get(first, "next");
        Assert.Contains("types%5B%5D=follow", next);
        Assert.Equal(all[2..], Json.Ids(await Json.ReadAsync(await alice.Client.GetAsync(next), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Dismiss_removes_one_and_clear_removes_all()
    {
        using var alice = await api.NewUserAsync("alice");
        for (var i = 0; i < 3; i++)
        {
            using var fan = await api.NewUserAsync("fan");
            await fan.FollowAsync(alice);
        }

        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "three follows");
        var ids = Json.Ids(await alice.GetJsonAsync("/api/v1/notifications"));

        Assert.Equal(ids[0], (await alice.GetJsonAsync($"/api/v1/notifications/{ids[0]}")).Str("id"));
        Assert.Equal("{}", await (await alice.PostFormAsync($"/api/v1/notifications/{ids[0]}/dismiss")).Content.ReadAsStringAsync());
        await alice.GetJsonAsync($"/api/v1/notifications/{ids[0]}", HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/notifications/{ids[0]}/dismiss"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/notifications/dismiss", ("id", ids[1])), HttpStatusCode.OK);
        Assert.Equal([ids[2]], Json.Ids(await alice.GetJsonAsync("/api/v1/notifications")));

        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/notifications/clear"), HttpStatusCode.OK);
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications")));
        await alice.GetJsonAsync("/api/v1/notifications/abc", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Notifications_of_others_are_not_found()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 1, "one follow");
        var id = Json.Ids(await alice.GetJsonAsync("/api/v1/notifications"))[0];

        await bob.GetJsonAsync($"/api/v1/notifications/{id}", HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/notifications/{id}/dismiss"), HttpStatusCode.NotFound);
        Assert.Single(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications")));
    }
}
