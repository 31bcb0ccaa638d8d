using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Timelines;

/// <summary>
/// Timelines are written from cached bytes plus the viewer's marks; a single status is serialized from its entity. Both
/// must give the same JSON, for every kind of status and every combination of marks.
/// </summary>
public sealed class TimelineRenderingTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Home_timeline_entries_equal_the_single_status_responses_for_the_same_viewer()
    {
        using var alice = await api.NewUserAsync("render_alice");
        using var bob = await api.NewUserAsync("render_bob");
        using var carol = await api.NewUserAsync("render_carol");
        using var dave = await api.NewUserAsync("render_dave");
        await bob.FollowAsync(alice);
        await bob.FollowAsync(carol);
        var plain = (await alice.PostStatusAsync("plain <b>text</b> with https://example.com/a?b=c&d=e and #Tags")).Str("id");
        var mention = (await carol.PostStatusAsync($"hello @{bob.Username} \"quoted\" \\ backslash é ✓")).Str("id");
        var reply = (await alice.PostStatusAsync($"@{carol.Username} a reply", inReplyToId: mention)).Str("id");
        var own = (await bob.PostStatusAsync("bob's own status")).Str("id");
        // Bob does not follow Dave, so Carol's reblog of Dave's status reaches Bob (a reblog of a status already among
        // his newest 40 entries would be skipped, as Mastodon does).
        var byDave = (await dave.PostStatusAsync("dave, reblogged by carol")).Str("id");
        var reblog = (await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{byDave}/reblog"), HttpStatusCode.OK)).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{plain}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{byDave}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{mention}/bookmark"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{reply}/reblog"), HttpStatusCode.OK);
        string[] expected = [own, reblog, reply, mention, plain];

        await Eventually.WaitUntilAsync(
            async () => expected.All(Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home?limit=40")).Contains),
            "bob's home timeline to hold every status");

        var home = await bob.GetJsonAsync("/api/v1/timelines/home?limit=40");
        var entries = home.EnumerateArray().ToDictionary(entry => entry.Str("id"));
        foreach (var (id, entry) in entries)
        {
            var single = await bob.GetJsonAsync($"/api/v1/statuses/{id}");
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(entry.GetRawText()), JsonNode.Parse(single.GetRawText())),
                $"status {id}:\ntimeline: {entry.GetRawText()}\nsingle:   {single.GetRawText()}");
        }

        Assert.True(entries[plain].GetProperty("favourited").GetBoolean());
        Assert.True(entries[mention].GetProperty("bookmarked").GetBoolean());
        Assert.True(entries[reply].GetProperty("reblogged").GetBoolean());
        Assert.False(entries[own].GetProperty("pinned").GetBoolean());
        Assert.Equal(JsonValueKind.Null, entries[plain].GetProperty("reblog").ValueKind);
        Assert.True(entries[reblog].GetProperty("reblog").GetProperty("favourited").GetBoolean());
    }

    [Fact]
    public async Task A_post_answer_equals_the_status_read_back_by_its_author()
    {
        // The answer to a post is rendered without the cache that reads use; it must still be the same JSON. Each is read
        // back before the next post (the embedded account's statuses_count moves with every post).
        using var erin = await api.NewUserAsync("render_erin");
        using var fred = await api.NewUserAsync("render_fred");
        var parent = (await fred.PostStatusAsync("a thread starts")).Str("id");
        (string Name, string Value)[][] posts =
        [
            [("status", "plain <b>text</b> with https://example.com/a?b=c&d=e and #Tags")],
            [("status", $"@{fred.Username} a reply \"quoted\" é ✓"), ("in_reply_to_id", parent)],
            [("status", "for followers"), ("visibility", "private")],
            [("status", "behind a warning"), ("spoiler_text", "cw"), ("language", "de")],
        ];

        var answers = new List<JsonElement>();
        foreach (var fields in posts)
        {
            var answer = await Json.ReadAsync(await erin.PostFormAsync("/api/v1/statuses", fields), HttpStatusCode.OK);
            var read = await erin.GetJsonAsync($"/api/v1/statuses/{answer.Str("id")}");
            Assert.True(
                JsonNode.DeepEquals(JsonNode.Parse(answer.GetRawText()), JsonNode.Parse(read.GetRawText())),
                $"answer: {answer.GetRawText()}\nread:   {read.GetRawText()}");
            answers.Add(answer);
        }

        Assert.Equal("tags", Assert.Single(answers[0].GetProperty("tags").EnumerateArray()).Str("name"));
        Assert.Equal(parent, answers[1].Str("in_reply_to_id"));
        Assert.Equal(fred.Username, Assert.Single(answers[1].GetProperty("mentions").EnumerateArray()).Str("username"));
        Assert.Equal("private", answers[2].Str("visibility"));
        Assert.Equal("cw", answers[3].Str("spoiler_text"));
        Assert.True(answers[3].GetProperty("sensitive").GetBoolean());
    }

    [Fact]
    public async Task Anonymous_public_timeline_entries_have_no_viewer_marks_and_equal_single_responses()
    {
        using var alice = await api.NewUserAsync("render_anon");
        var id = (await alice.PostStatusAsync("for everyone")).Str("id");
        using var anonymous = api.Factory.CreateClient();

        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?limit=40"), HttpStatusCode.OK)).Contains(id),
            "the public timeline to hold the status");

        var timeline = await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/public?limit=40"), HttpStatusCode.OK);
        var entry = timeline.EnumerateArray().Single(e => e.Str("id") == id);
        var single = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(entry.GetRawText()), JsonNode.Parse(single.GetRawText())));
        Assert.False(entry.TryGetProperty("favourited", out _));
        Assert.False(entry.TryGetProperty("filtered", out _));
    }
}
