using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Timelines;

public sealed class TimelinesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Home_timeline_shows_own_and_followed_statuses_and_reblogs_newest_first()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await bob.FollowAsync(alice);
        var byAlice = (await alice.PostStatusAsync("from alice")).Str("id");
        var byCarol = (await carol.PostStatusAsync("from carol, not followed")).Str("id");
        var reblog = (await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{byCarol}/reblog"), HttpStatusCode.OK)).Str("id");
        var own = (await bob.PostStatusAsync("from bob")).Str("id");

        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Count == 3, "three entries");
        var home = await bob.GetJsonAsync("/api/v1/timelines/home");
        Assert.Equal([own, reblog, byAlice], Json.Ids(home));
        Assert.Equal(byCarol, home[1].GetProperty("reblog").Str("id"));
        Assert.Equal(carol.Id, home[1].GetProperty("reblog").GetProperty("account").Str("id"));
    }

    [Fact]
    public async Task Home_timeline_pages_with_max_since_and_min_id_and_links_keep_other_parameters()
    {
        using var alice = await api.NewUserAsync("alice");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Insert(0, (await alice.PostStatusAsync($"status {i}")).Str("id"));
        }

        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Count == 5, "own statuses on home");

        var first = await alice.Client.GetAsync("/api/v1/timelines/home?limit=2&local=true");
        Assert.Equal(ids[..2], Json.Ids(await Json.ReadAsync(first, HttpStatusCode.OK)));
        var next = LinkHeaders.Get(first, "next");
        var prev = LinkHeaders.Get(first, "prev");
        Assert.Equal($"http://localhost/api/v1/timelines/home?limit=2&local=true&max_id={ids[1]}", next);
        Assert.Equal($"http://localhost/api/v1/timelines/home?limit=2&local=true&min_id={ids[0]}", prev);

        var second = await alice.Client.GetAsync(next);
        Assert.Equal(ids[2..4], Json.Ids(await Json.ReadAsync(second, HttpStatusCode.OK)));
        Assert.Equal(ids[2..4], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/home?max_id={ids[1]}&limit=2")));
        Assert.Equal(ids[..2], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/home?since_id={ids[2]}")));
        Assert.Equal(ids[2..4], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/home?min_id={ids[4]}&limit=2")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/home?min_id={ids[0]}")));
        var empty = await alice.Client.GetAsync($"/api/v1/timelines/home?min_id={ids[0]}");
        Assert.Null(LinkHeaders.Find(empty, "next"));
    }

    [Fact]
    public async Task Zero_is_a_bound_min_id_0_reads_from_the_oldest_since_id_0_from_the_newest_and_max_id_0_reads_nothing()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await alice.PostStatusAsync($"status {i}")).Str("id"));
        }

        await bob.FollowAsync(alice);
        await carol.FollowAsync(alice);
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Count == 3, "own statuses on home");
        var followers = Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=follow"));
        Assert.Equal(2, followers.Count);

        foreach (var path in (string[])["/api/v1/timelines/home", $"/api/v1/accounts/{alice.Id}/statuses"])
        {
            Assert.Equal([ids[1], ids[0]], Json.Ids(await alice.GetJsonAsync(path + "?min_id=0&limit=2")));
            Assert.Equal([ids[1], ids[0]], Json.Ids(await alice.GetJsonAsync(path + "?min_id=000&limit=2")));
            Assert.Equal([ids[2], ids[1]], Json.Ids(await alice.GetJsonAsync(path + "?since_id=0&limit=2")));
            Assert.Empty(Json.Ids(await alice.GetJsonAsync(path + "?max_id=0")));
        }

        Assert.Equal([followers[1]], Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=follow&min_id=0&limit=1")));
        Assert.Equal(followers, Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=follow&since_id=0")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?max_id=0")));
    }

    [Theory]
    [InlineData("max_id=abc")]
    [InlineData("since_id=-1")]
    [InlineData("min_id=1.5")]
    [InlineData("limit=many")]
    public async Task Malformed_paging_parameters_are_bad_requests(string query)
    {
        using var alice = await api.NewUserAsync("alice");

        var body = await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/timelines/home?" + query), HttpStatusCode.BadRequest);

        Assert.False(string.IsNullOrEmpty(body.Str("error")));
    }

    [Fact]
    public async Task Home_timeline_needs_a_user_token_with_read_scope()
    {
        using var anonymous = api.Factory.CreateClient();
        using var writer = await api.NewUserAsync("writer", "write");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Client.GetAsync("/api/v1/timelines/home")).StatusCode);
    }

    [Fact]
    public async Task Public_timeline_lists_public_statuses_only_and_is_open_to_anonymous_readers()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();
        var visible = (await alice.PostStatusAsync("public")).Str("id");
        var unlisted = (await alice.PostStatusAsync("unlisted", "unlisted")).Str("id");
        var followersOnly = (await alice.PostStatusAsync("private", "private")).Str("id");

        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public"), HttpStatusCode.OK)).Contains(visible),
            "public status indexed");
        var ids = Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?local=true"), HttpStatusCode.OK));
        Assert.DoesNotContain(unlisted, ids);
        Assert.DoesNotContain(followersOnly, ids);
        Assert.Empty(Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?remote=true"), HttpStatusCode.OK)));
        Assert.Empty(Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?only_media=true"), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Public_timeline_leaves_out_replies_to_others_and_keeps_a_threads_continuation()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var anonymous = api.Factory.CreateClient();
        var root = (await alice.PostStatusAsync("a thread")).Str("id");
        var continuation = (await alice.PostStatusAsync("and more", inReplyToId: root)).Str("id");
        var reply = (await bob.PostStatusAsync("a reply to alice", inReplyToId: root)).Str("id");
        var later = (await bob.PostStatusAsync("something else")).Str("id");

        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public"), HttpStatusCode.OK)).Contains(later),
            "the last status indexed");
        var ids = Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?limit=40"), HttpStatusCode.OK));

        Assert.Contains(root, ids);
        Assert.Contains(continuation, ids);
        Assert.DoesNotContain(reply, ids);
        Assert.Contains(reply, Json.Ids(await bob.GetJsonAsync($"/api/v1/accounts/{bob.Id}/statuses"))); // still his, and in the thread
    }
}
