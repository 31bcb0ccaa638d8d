using System.Net;
using System.Net.Http.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Statuses;

/// <summary>PUT /api/v1/statuses/:id, its source and its history: Mastodon's status edits.</summary>
public sealed class StatusEditTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task An_edit_changes_text_tags_and_mentions_keeps_the_history_and_shows_everywhere()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        var tagSuffix = Guid.NewGuid().ToString("N")[..6];
        var posted = await alice.PostStatusAsync($"first draft #before{tagSuffix}");
        var id = posted.Str("id");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, posted.GetProperty("edited_at").ValueKind);
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/before{tagSuffix}")).Contains(id), "the status indexed under its first tag");

        var edited = await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent(
            [new("status", $"second draft #after{tagSuffix} for @{bob.Username}"), new("spoiler_text", "now with a warning"), new("visibility", "direct")])),
            HttpStatusCode.OK);

        Assert.Equal(id, edited.Str("id"));
        Assert.Contains("second draft", edited.Str("content"));
        Assert.Equal("public", edited.Str("visibility"));
        Assert.True(edited.GetProperty("sensitive").GetBoolean());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", edited.Str("edited_at"));
        Assert.Equal(bob.Id, edited.GetProperty("mentions")[0].Str("id"));
        Assert.Contains("second draft", (await bob.GetJsonAsync($"/api/v1/statuses/{id}")).Str("content"));
        await Eventually.WaitUntilAsync(async () => Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/after{tagSuffix}")).Contains(id), "the status indexed under its new tag");
        Assert.Empty(Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/before{tagSuffix}")));
        Assert.Contains("second draft", (await bob.GetJsonAsync("/api/v1/timelines/home")).EnumerateArray().Single(s => s.Str("id") == id).Str("content"));

        var source = await bob.GetJsonAsync($"/api/v1/statuses/{id}/source");
        Assert.Equal((id, $"second draft #after{tagSuffix} for @{bob.Username}", "now with a warning"), (source.Str("id"), source.Str("text"), source.Str("spoiler_text")));
        var history = await bob.GetJsonAsync($"/api/v1/statuses/{id}/history");
        Assert.Equal(2, history.GetArrayLength());
        Assert.Contains("first draft", history[0].Str("content"));
        Assert.False(history[0].GetProperty("sensitive").GetBoolean());
        Assert.Equal(posted.Str("created_at"), history[0].Str("created_at"));
        Assert.Contains("second draft", history[1].Str("content"));
        Assert.Equal(edited.Str("edited_at"), history[1].Str("created_at"));
        Assert.Equal(alice.Id, history[1].GetProperty("account").Str("id"));
    }

    [Fact]
    public async Task Those_who_reblogged_an_edited_status_get_one_update_notification_renewed_by_each_edit()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        var id = (await alice.PostStatusAsync("boost this")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(async () => (await alice.GetJsonAsync("/api/v1/notifications?types[]=reblog")).GetArrayLength() == 1, "the reblog indexed");

        async Task<string> EditAsync(string text) =>
            (await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent([new("status", text)])), HttpStatusCode.OK)).Str("id");
        await EditAsync("boost this, edited");
        await Eventually.WaitUntilAsync(async () => (await bob.GetJsonAsync("/api/v1/notifications?types[]=update")).GetArrayLength() == 1, "bob told of the edit");

        var update = (await bob.GetJsonAsync("/api/v1/notifications?types[]=update"))[0];
        Assert.Equal(alice.Id, update.GetProperty("account").Str("id"));
        Assert.Equal(id, update.GetProperty("status").Str("id"));
        Assert.Contains("edited", update.GetProperty("status").Str("content"));
        Assert.Empty((await carol.GetJsonAsync("/api/v1/notifications")).EnumerateArray());
        Assert.Empty((await alice.GetJsonAsync("/api/v1/notifications?types[]=update")).EnumerateArray());

        // A second edit renews it: still one, newer.
        await EditAsync("boost this, edited twice");
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/notifications?types[]=update")) is var list && list.GetArrayLength() == 1 && list[0].Str("id") != update.Str("id"),
            "bob's update notification renewed");
        Assert.True(long.Parse((await bob.GetJsonAsync("/api/v1/notifications?types[]=update"))[0].Str("id")) > long.Parse(update.Str("id")));

        // Deleting the status takes bob's notification of its edits with it, and his unread count with it.
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/notifications/unread_count")).GetProperty("count").GetInt32() == 0,
            "bob's update notification gone with the status");
        Assert.Empty((await bob.GetJsonAsync("/api/v1/notifications?types[]=update")).EnumerateArray());
    }

    [Fact]
    public async Task An_edit_that_drops_a_mention_leaves_the_account_its_sight_of_the_status_as_a_silent_mention()
    {
        using var dave = await api.NewUserAsync("dave");
        using var bob = await api.NewUserAsync("bob");
        using var stranger = await api.NewUserAsync("stranger");
        var first = (await dave.PostStatusAsync($"@{bob.Username} first dm", "direct")).Str("id");
        var second = (await dave.PostStatusAsync($"@{bob.Username} second dm", "direct")).Str("id");
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")).EnumerateArray().Any(c => c.GetProperty("last_status").Str("id") == second),
            "the conversation");

        await Json.ReadAsync(await dave.Client.PutAsync($"/api/v1/statuses/{second}", JsonContent.Create(new { status = "second dm, now without the mention" })), HttpStatusCode.OK);

        var seen = await bob.GetJsonAsync($"/api/v1/statuses/{second}");
        Assert.Contains("now without the mention", seen.Str("content"));
        Assert.Empty(seen.GetProperty("mentions").EnumerateArray());
        Assert.DoesNotContain(bob.Username, seen.Str("content"));
        await stranger.GetJsonAsync($"/api/v1/statuses/{second}", HttpStatusCode.NotFound);
        Assert.Equal(2, (await bob.GetJsonAsync($"/api/v1/statuses/{second}/history")).GetArrayLength());
        Assert.Equal([second, first], Json.Ids(await bob.GetJsonAsync($"/api/v1/accounts/{dave.Id}/statuses")));
        Assert.Empty(Json.Ids(await stranger.GetJsonAsync($"/api/v1/accounts/{dave.Id}/statuses")));
        Assert.Contains(second, (await bob.GetJsonAsync("/api/v1/conversations")).EnumerateArray().Select(c => c.GetProperty("last_status").Str("id")));

        // Mentioned again, it is an ordinary mention; dropped again, silent again.
        var again = await Json.ReadAsync(await dave.Client.PutAsync($"/api/v1/statuses/{second}", JsonContent.Create(new { status = $"@{bob.Username} back" })), HttpStatusCode.OK);
        Assert.Equal([bob.Id], again.GetProperty("mentions").EnumerateArray().Select(m => m.Str("id")));
        await Json.ReadAsync(await dave.Client.PutAsync($"/api/v1/statuses/{second}", JsonContent.Create(new { status = "gone again" })), HttpStatusCode.OK);
        Assert.Equal(second, (await bob.GetJsonAsync($"/api/v1/statuses/{second}")).Str("id"));

        // Deleted while silent, it leaves bob's conversation (which falls back to the first) and his notifications.
        Assert.Contains(second, (await bob.GetJsonAsync("/api/v1/notifications?types[]=mention")).EnumerateArray().Select(n => n.GetProperty("status").Str("id")));
        await Json.ReadAsync(await dave.Client.DeleteAsync($"/api/v1/statuses/{second}"), HttpStatusCode.OK);
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync("/api/v1/conversations")).EnumerateArray().Select(c => c.GetProperty("last_status").Str("id")).SequenceEqual([first]),
            "bob's conversation back at the first status");
        await Eventually.WaitUntilAsync(
            async () => !(await bob.GetJsonAsync("/api/v1/notifications?types[]=mention")).EnumerateArray().Any(n => n.GetProperty("status").Str("id") == second),
            "the mention notification gone");
    }

    [Fact]
    public async Task Only_the_author_edits_and_bad_content_is_refused_without_change()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var id = (await alice.PostStatusAsync("original words")).Str("id");
        var reblog = (await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK)).Str("id");

        await Json.ReadAsync(await bob.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "hijacked" })), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.PutAsync($"/api/v1/statuses/{reblog}", JsonContent.Create(new { status = "a reblog has no text" })), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = " " })), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = new string('x', 501) })), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "with a poll", poll = new { options = new[] { "a", "b" } } })), HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.Client.PutAsync("/api/v1/statuses/999999999", JsonContent.Create(new { status = "missing" })), HttpStatusCode.NotFound);

        // A missing or someone else's status is not found before its new text is judged.
        await Json.ReadAsync(await alice.Client.PutAsync("/api/v1/statuses/999999999", JsonContent.Create(new { status = " " })), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "" })), HttpStatusCode.NotFound);
        await Json.ReadAsync(await alice.Client.PutAsync("/api/v1/statuses/abc", JsonContent.Create(new { status = "malformed" })), HttpStatusCode.NotFound);

        var unchanged = await alice.GetJsonAsync($"/api/v1/statuses/{id}");
        Assert.Equal("<p>original words</p>", unchanged.Str("content"));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, unchanged.GetProperty("edited_at").ValueKind);
        Assert.Equal(1, (await alice.GetJsonAsync($"/api/v1/statuses/{id}/history")).GetArrayLength());
    }

    [Fact]
    public async Task An_edit_without_language_keeps_it_and_an_edit_that_changes_nothing_is_not_recorded()
    {
        using var alice = await api.NewUserAsync("alice");
        var id = (await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", "Guten Tag"), ("language", "de")), HttpStatusCode.OK)).Str("id");

        var same = await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "Guten Tag" })), HttpStatusCode.OK);
        var changed = await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "Guten Abend" })), HttpStatusCode.OK);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, same.GetProperty("edited_at").ValueKind);
        Assert.Equal("de", changed.Str("language"));
        Assert.Equal(2, (await alice.GetJsonAsync($"/api/v1/statuses/{id}/history")).GetArrayLength());
    }

    [Fact]
    public async Task Private_statuses_keep_their_source_and_history_from_strangers()
    {
        using var alice = await api.NewUserAsync("alice");
        using var stranger = await api.NewUserAsync("stranger");
        var id = (await alice.PostStatusAsync("followers only", "private")).Str("id");
        await Json.ReadAsync(await alice.Client.PutAsync($"/api/v1/statuses/{id}", JsonContent.Create(new { status = "still followers only" })), HttpStatusCode.OK);

        await Json.ReadAsync(await stranger.Client.GetAsync($"/api/v1/statuses/{id}/source"), HttpStatusCode.NotFound);
        using var anonymous = api.Factory.CreateClient();
        var publicId = (await alice.PostStatusAsync("public, but its source is for users")).Str("id");
        await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{publicId}/source"), HttpStatusCode.Unauthorized);
        Assert.Equal("public, but its source is for users", (await stranger.GetJsonAsync($"/api/v1/statuses/{publicId}/source")).Str("text"));
        await Json.ReadAsync(await stranger.Client.GetAsync($"/api/v1/statuses/{id}/history"), HttpStatusCode.NotFound);
        Assert.Equal(2, (await alice.GetJsonAsync($"/api/v1/statuses/{id}/history")).GetArrayLength());
    }
}
