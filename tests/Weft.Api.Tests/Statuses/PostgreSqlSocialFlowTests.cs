using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Statuses;

/// <summary>The main social flows on PostgreSQL (the other classes run them on SQLite).</summary>
public sealed class PostgreSqlSocialFlowTests(PostgreSqlApiFixture api) : IClassFixture<PostgreSqlApiFixture>
{
    [Fact]
    public async Task Post_follow_read_home_favourite_reply_notify_and_delete()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("on postgres #pg")).Str("id");

        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "fan-out to bob");
        var favourited = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        Assert.Equal(1, favourited.GetProperty("favourites_count").GetInt64());
        var reply = (await bob.PostStatusAsync($"@{alice.Username} nice", inReplyToId: id)).Str("id");
        await Eventually.WaitUntilAsync(
            async () => Json.Ids((await alice.GetJsonAsync($"/api/v1/statuses/{id}/context")).GetProperty("descendants")).Contains(reply),
            "reply in the thread");
        await Eventually.WaitUntilAsync(
            async () => (await alice.GetJsonAsync("/api/v1/notifications")).GetArrayLength() == 3, "follow, favourite and mention notifications");
        Assert.Equal(["mention", "favourite", "follow"], (await alice.GetJsonAsync("/api/v1/notifications")).EnumerateArray().Select(n => n.Str("type")));
        Assert.Contains(id, Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
        Assert.Contains(id, Json.Ids(await bob.GetJsonAsync("/api/v1/favourites")));
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/public")).Contains(id), "public timeline");

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => !Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "gone from bob's home");
        Assert.DoesNotContain(id, Json.Ids(await bob.GetJsonAsync("/api/v1/favourites")));
        await bob.GetJsonAsync($"/api/v1/statuses/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_list_keeps_its_members_and_reads_their_statuses_on_postgres()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        var list = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/lists", ("title", "Bob")), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/lists/{list}/accounts", ("account_ids[]", bob.Id)), HttpStatusCode.OK);
        var bobs = (await bob.PostStatusAsync("bob on postgres", "private")).Str("id");
        var carols = (await carol.PostStatusAsync("carol on postgres")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/home")).Contains(carols), "carol's status in alice's home");

        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{list}")).Contains(bobs), "bob's status in the list");
        Assert.DoesNotContain(carols, Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/list/{list}")));
        Assert.Equal([bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/lists/{list}/accounts")));
        Assert.Equal(["Bob"], (await alice.GetJsonAsync($"/api/v1/accounts/{bob.Id}/lists")).EnumerateArray().Select(l => l.Str("title")));
    }

    [Fact]
    public async Task Private_status_stays_with_followers_on_postgres()
    {
        using var alice = await api.NewUserAsync("alice");
        using var follower = await api.NewUserAsync("follower");
        using var stranger = await api.NewUserAsync("stranger");
        await follower.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("inner circle", "private")).Str("id");

        await Eventually.WaitUntilAsync(async () => Json.Ids(await follower.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "follower's home");
        await stranger.GetJsonAsync($"/api/v1/statuses/{id}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync("/api/v1/timelines/public")));
        await Json.ReadAsync(await stranger.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tag_timeline_lists_public_tagged_statuses_until_deleted_on_postgres()
    {
        using var alice = await api.NewUserAsync("alice");
        var hidden = (await alice.PostStatusAsync("#PgTagged inner circle", "private")).Str("id");
        var id = (await alice.PostStatusAsync("#PgTagged #PgOther on postgres")).Str("id");

        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/pgtagged")).Contains(id), "tag timeline");
        Assert.Equal([id], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/PGTAGGED")));
        Assert.Equal([id], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/pgnothing?any[]=pgtagged&all[]=pgother")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/pgtagged?none[]=pgother")));
        Assert.DoesNotContain(hidden, Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/pgtagged")));

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/pgtagged")).Count == 0, "gone from the tag");
    }
}
