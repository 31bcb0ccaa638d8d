using System.Net;
using System.Net.Http.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Lists;

/// <summary>/api/v1/lists, its members, /api/v1/accounts/:id/lists and /api/v1/timelines/list/:list_id.</summary>
public sealed class ListsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Lists_are_created_read_changed_and_deleted_by_their_owner_only()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var created = await Json.ReadAsync(
            await alice.PostFormAsync("/api/v1/lists", ("title", "  Friends "), ("replies_policy", "followed"), ("exclusive", "true")), HttpStatusCode.OK);
        Assert.Equal(("Friends", "followed", true), (created.Str("title"), created.Str("replies_policy"), created.GetProperty("exclusive").GetBoolean()));
        var id = created.Str("id");
        var second = await Json.ReadAsync(
            await alice.Client.PostAsJsonAsync("/api/v1/lists", new { title = "Work" }), HttpStatusCode.OK);
        Assert.Equal(("list", false), (second.Str("replies_policy"), second.GetProperty("exclusive").GetBoolean()));

        Assert.Equal([id, second.Str("id")], (await alice.GetJsonAsync("/api/v1/lists")).EnumerateArray().Select(l => l.Str("id")));
        Assert.Equal("Friends", (await alice.GetJsonAsync($"/api/v1/lists/{id}")).Str("title"));

        // A partial update keeps what it does not name.
        var renamed = await Json.ReadAsync(
            await alice.Client.PutAsync($"/api/v1/lists/{id}", new FormUrlEncodedContent([new("title", "Close friends")])), HttpStatusCode.OK);
        Assert.Equal(("Close friends", "followed", true), (renamed.Str("title"), renamed.Str("replies_policy"), renamed.GetProperty("exclusive").GetBoolean()));
        var policy = await Json.ReadAsync(
            await alice.Client.PutAsJsonAsync($"/api/v1/lists/{id}", new { replies_policy = "none", exclusive = false }), HttpStatusCode.OK);
        Assert.Equal(("Close friends", "none", false), (policy.Str("title"), policy.Str("replies_policy"), policy.GetProperty("exclusive").GetBoolean()));

        // Someone else's list does not exist for bob.
        Assert.Empty((await bob.GetJsonAsync("/api/v1/lists")).EnumerateArray());
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v1/lists/{id}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.PutAsync($"/api/v1/lists/{id}", new FormUrlEncodedContent([new("title", "mine")])), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.DeleteAsync($"/api/v1/lists/{id}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v1/timelines/list/{id}"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v1/lists/{id}/accounts"), HttpStatusCode.NotFound);

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/lists/{id}"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.Client.GetAsync($"/api/v1/lists/{id}"), HttpStatusCode.NotFound);
        Assert.Equal([second.Str("id")], (await alice.GetJsonAsync("/api/v1/lists")).EnumerateArray().Select(l => l.Str("id")));
    }

    [Fact]
    public async Task Bad_list_input_gets_clear_errors_and_changes_nothing()
    {
        using var alice = await api.NewUserAsync("alice");
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Keep")), HttpStatusCode.OK)).Str("id");

        Assert.Contains("Title", (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists"), HttpStatusCode.UnprocessableEntity)).Str("error"));
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "   ")), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", new string('x', 101))), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "x"), ("replies_policy", "everyone")), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "x"), ("exclusive", "maybe")), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.PostAsync("/api/v1/lists", new StringContent("{\"title\":", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/lists/{id}", new FormUrlEncodedContent([new("title", "")])), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/lists/{id}", new FormUrlEncodedContent([new("replies_policy", "all")])), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/lists/nope"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/timelines/list/99999999"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", "abc")), HttpStatusCode.BadRequest);
        Assert.Contains("account_ids", (await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts"), HttpStatusCode.BadRequest)).Str("error"));
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists/99999999/accounts"), HttpStatusCode.NotFound);

        var kept = await alice.GetJsonAsync($"/api/v1/lists/{id}");
        Assert.Equal(("Keep", "list"), (kept.Str("title"), kept.Str("replies_policy")));
        Assert.Single((await alice.GetJsonAsync("/api/v1/lists")).EnumerateArray());

        // At most 50 lists.
        for (var i = 1; i < 50; i++)
        {
            await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", $"list {i}")), HttpStatusCode.OK);
        }

        Assert.Contains("50", (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "one too many")), HttpStatusCode.UnprocessableEntity)).Str("error"));
        Assert.Equal(50, (await alice.GetJsonAsync("/api/v1/lists")).GetArrayLength());
    }

    [Fact]
    public async Task Members_are_followed_accounts_listed_newest_first_and_leave_on_unfollow()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        using var dave = await api.NewUserAsync("dave");
        using var stranger = await api.NewUserAsync("stranger");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        await alice.FollowAsync(dave);
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Friends")), HttpStatusCode.OK)).Str("id");
        var other = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Others")), HttpStatusCode.OK)).Str("id");

        // All or nothing: one account not followed refuses the lot; an unknown one is a 404.
        var refused = await Json.ReadAsync(
            await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", stranger.Id)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("follow", refused.Str("error"));
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", "123456789")), HttpStatusCode.NotFound);
        Assert.Empty((await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts")).EnumerateArray());

        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", carol.Id)), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.Client.PostAsJsonAsync($"/api/v1/lists/{id}/accounts", new { account_ids = new[] { dave.Id, bob.Id } }), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{other}/accounts", ("account_ids[]", bob.Id)), HttpStatusCode.OK);
        Assert.Equal([dave.Id, carol.Id, bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts")));
        Assert.Equal([dave.Id, carol.Id, bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts?limit=0")));

        // Paged by the Link header, two at a time.
        var seen = new List<string>();
        var path = $"/api/v1/lists/{id}/accounts?limit=2";
        var requests = 0;
        for (; path is not null && requests < 5; requests++)
        {
            var response = await alice.Client.GetAsync(path);
            var page = Json.Ids(await Json.ReadAsync(response, HttpStatusCode.OK));
            seen.AddRange(page);
            path = LinkHeaders.Find(response, "next");
        }

        Assert.Equal([dave.Id, carol.Id, bob.Id], seen);
        Assert.Equal(2, requests); // the short second page has no next link
        Assert.Equal([dave.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts?min_id={carol.Id}")));

        Assert.Equal(["Friends", "Others"], (await alice.GetJsonAsync($"/api/v1/accounts/{bob.Id}/lists")).EnumerateArray().Select(l => l.Str("title")));
        Assert.Equal(["Friends"], (await alice.GetJsonAsync($"/api/v1/accounts/{carol.Id}/lists")).EnumerateArray().Select(l => l.Str("title")));
        Assert.Empty((await alice.GetJsonAsync($"/api/v1/accounts/{stranger.Id}/lists")).EnumerateArray());
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/accounts/123456789/lists"), HttpStatusCode.NotFound);

        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/lists/{id}/accounts")
        {
            Content = new FormUrlEncodedContent([new("account_ids[]", carol.Id), new("account_ids[]", stranger.Id)]),
        };
        await Json.ReadAsync(await alice.Client.SendAsync(remove), HttpStatusCode.OK);
        Assert.Equal([dave.Id, bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts")));

        // Unfollowing takes the account out of every list, as Mastodon does.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/unfollow"), HttpStatusCode.OK);
        Assert.Equal([dave.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts")));
        Assert.Empty((await alice.GetJsonAsync($"/api/v1/accounts/{bob.Id}/lists")).EnumerateArray());
    }

    [Fact]
    public async Task A_list_timeline_shows_its_members_statuses_with_replies_as_its_policy_says()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        using var dave = await api.NewUserAsync("dave");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        await alice.FollowAsync(dave);
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Bob and Carol")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", carol.Id)), HttpStatusCode.OK);

        var bobs = (await bob.PostStatusAsync("bob, public")).Str("id");
        var bobsPrivate = (await bob.PostStatusAsync("bob, followers only", "private")).Str("id");
        var daves = (await dave.PostStatusAsync("dave is not in the list")).Str("id");
        var replyToCarol = (await bob.PostStatusAsync("bob answers carol", inReplyToId: (await carol.PostStatusAsync("carol asks")).Str("id"))).Str("id");
        var replyToDave = (await bob.PostStatusAsync("bob answers dave", inReplyToId: daves)).Str("id");
        var replyToAlice = (await bob.PostStatusAsync("bob answers alice", inReplyToId: (await alice.PostStatusAsync("alice asks")).Str("id"))).Str("id");
        var selfReply = (await bob.PostStatusAsync("bob goes on", inReplyToId: bobs)).Str("id");
        var stranger = await api.NewUserAsync("stranger");
        var replyToStranger = (await bob.PostStatusAsync("bob answers a stranger", inReplyToId: (await stranger.PostStatusAsync("hello")).Str("id"))).Str("id");
        var last = (await bob.PostStatusAsync("bob, last")).Str("id");
        var path = $"/api/v1/timelines/list/{id}";

        // Bob's statuses are indexed in order: once his last one shows, the others are in.
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync(path)).Contains(last), "the list's statuses indexed");

        async Task<List<string>> ReadAsync() => Json.Ids(await alice.GetJsonAsync(path));

        // "list" (the default): replies to members and to the owner.
        var shown = await ReadAsync();
        Assert.Contains(bobs, shown);
        Assert.Contains(bobsPrivate, shown);
        Assert.Contains(replyToCarol, shown);
        Assert.Contains(replyToAlice, shown);
        Assert.Contains(selfReply, shown);
        Assert.DoesNotContain(daves, shown);
        Assert.DoesNotContain(replyToDave, shown);
        Assert.DoesNotContain(replyToStranger, shown);
        Assert.Equal(shown.OrderByDescending(long.Parse), shown);

        await Json.ReadAsync(await alice.Client.PutAsJsonAsync($"/api/v1/lists/{id}", new { replies_policy = "followed" }), HttpStatusCode.OK);
        shown = await ReadAsync();
        Assert.Contains(replyToDave, shown);
        Assert.Contains(replyToCarol, shown);
        Assert.DoesNotContain(replyToStranger, shown);

        await Json.ReadAsync(await alice.Client.PutAsJsonAsync($"/api/v1/lists/{id}", new { replies_policy = "none" }), HttpStatusCode.OK);
        shown = await ReadAsync();
        Assert.Contains(replyToAlice, shown);
        Assert.Contains(selfReply, shown);
        Assert.DoesNotContain(replyToCarol, shown);
        Assert.DoesNotContain(replyToDave, shown);

        // Paging by the Link header reaches every status once, in order.
        var all = await ReadAsync();
        var seen = new List<string>();
        var next = $"{path}?limit=2";
        for (var i = 0; next is not null && i < 20; i++)
        {
            var response = await alice.Client.GetAsync(next);
            var page = Json.Ids(await Json.ReadAsync(response, HttpStatusCode.OK));
            seen.AddRange(page);
            next = LinkHeaders.Find(response, "next"); // none once a page reads nothing
        }

        Assert.Equal(all, seen);

        // A read-only token without the lists scope is refused.
        using var noLists = await api.NewUserAsync("nolists", scopes: "read:statuses");
        await Json.ReadAsync(await noLists.Client.GetAsync("/api/v1/lists"), HttpStatusCode.Forbidden);
        stranger.Dispose();
    }

    [Fact]
    public async Task Members_of_an_exclusive_list_stay_out_of_the_home_timeline_while_it_is_exclusive()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        var before = (await bob.PostStatusAsync("bob before")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(before), "bob's status in alice's home");

        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Only here"), ("exclusive", "true")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id)), HttpStatusCode.OK);
        Assert.DoesNotContain(before, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")));

        // New statuses of the member go to the list only; others' still reach home.
        var during = (await bob.PostStatusAsync("bob during")).Str("id");
        var carols = (await carol.PostStatusAsync("carol during")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(carols), "carol's status in alice's home");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}")).Contains(during), "bob's new status in the list");
        Assert.DoesNotContain(during, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")));
        Assert.Contains(before, Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}")));

        // No longer exclusive: the member's statuses are back in home at once.
        await Json.ReadAsync(await alice.Client.PutAsJsonAsync($"/api/v1/lists/{id}", new { exclusive = false }), HttpStatusCode.OK);
        var home = Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home"));
        Assert.Contains(before, home);
        Assert.Contains(during, home);

        // Exclusive again, then the member leaves the list: back again.
        await Json.ReadAsync(await alice.Client.PutAsJsonAsync($"/api/v1/lists/{id}", new { exclusive = true }), HttpStatusCode.OK);
        Assert.DoesNotContain(during, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")));
        using var remove = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/lists/{id}/accounts") { Content = new FormUrlEncodedContent([new("account_ids[]", bob.Id)]) };
        await Json.ReadAsync(await alice.Client.SendAsync(remove), HttpStatusCode.OK);
        Assert.Contains(during, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")));
    }

    [Fact]
    public async Task A_stretch_of_hidden_statuses_does_not_end_a_list_timeline_and_direct_statuses_stay_out()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var stranger = await api.NewUserAsync("stranger");
        await alice.FollowAsync(bob);
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Bob, no replies"), ("replies_policy", "none")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id), ("account_ids[]", alice.Id)), HttpStatusCode.OK);

        var old = (await bob.PostStatusAsync("bob, before the replies")).Str("id");
        var question = (await stranger.PostStatusAsync("anyone?")).Str("id");
        for (var i = 0; i < 7; i++)
        {
            await bob.PostStatusAsync($"bob answers a stranger {i}", inReplyToId: question);
        }

        var dm = (await bob.PostStatusAsync($"@{alice.Username} just for you", "direct")).Str("id");
        var last = (await bob.PostStatusAsync("bob, last")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}")).Contains(last), "bob's statuses indexed");

        // Newest first: the last status, then past seven hidden replies and a direct status, the old one.
        var response = await alice.Client.GetAsync($"/api/v1/timelines/list/{id}?limit=2");
        Assert.Equal([last, old], Json.Ids(await Json.ReadAsync(response, HttpStatusCode.OK)));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync(LinkHeaders.Get(response, "next"))));
        Assert.DoesNotContain(dm, Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}?limit=40")));
        Assert.Equal([last], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}?min_id={question}&limit=1")));
        Assert.Equal([old], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{id}?max_id={question}&limit=1")));

        // Adding oneself is allowed, as in Mastodon; more ids than a list may hold are refused at once.
        Assert.Contains(alice.Id, Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{id}/accounts")));
        var tooMany = string.Join(",", Enumerable.Range(1, 1001).Select(i => $"\"{i}\""));
        await Json.ReadAsync(await alice.Client.PostAsync($"/api/v1/lists/{id}/accounts",
            new StringContent($"{{\"account_ids\":[{tooMany}]}}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_members_reblogs_show_in_a_list_unless_followed_with_reblogs_off()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Bob")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{id}/accounts", ("account_ids[]", bob.Id)), HttpStatusCode.OK);
        var carols = (await carol.PostStatusAsync("worth sharing")).Str("id");
        var reblog = (await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{carols}/reblog"), HttpStatusCode.OK)).Str("id");
        var path = $"/api/v1/timelines/list/{id}";
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync(path)).Contains(reblog), "bob's reblog in the list");

        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/follow", ("reblogs", "false")), HttpStatusCode.OK);
        Assert.DoesNotContain(reblog, Json.Ids(await alice.GetJsonAsync(path)));
        var own = (await bob.PostStatusAsync("bob's own")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync(path)).Contains(own), "bob's own status still in the list");
    }
}
