using System.Net;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Timelines;

/// <summary>GET /api/v1/timelines/tag/:hashtag and /api/v1/tags/:name. Tags are global, so each test uses its own names.</summary>
public sealed class TagTimelineTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_tagged_public_post_appears_in_its_tag_timeline_whatever_the_case_or_hash()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();
        var tagged = await alice.PostStatusAsync("Look at #CatsOfWeft and #other");
        var id = tagged.Str("id");
        await alice.PostStatusAsync("no tag here");

        await WaitForTagAsync(anonymous, "catsofweft", id);
        foreach (var spelling in (string[])["catsofweft", "CatsOfWeft", "CATSOFWEFT", "%23catsofweft"])
        {
            var timeline = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/timelines/tag/{spelling}"), HttpStatusCode.OK);
            Assert.Equal([id], Json.Ids(timeline));
            Assert.Equal(alice.Id, timeline[0].GetProperty("account").Str("id"));
            Assert.Equal("catsofweft", timeline[0].GetProperty("tags")[0].Str("name"));
        }

        // Rendered for the viewer, as the public timeline is.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        var own = await alice.GetJsonAsync("/api/v1/timelines/tag/catsofweft");
        Assert.True(own[0].GetProperty("favourited").GetBoolean());
        var forAnonymous = await Json.ReadAsync(await anonymous.GetAsync("/api/v1/timelines/tag/catsofweft"), HttpStatusCode.OK);
        Assert.False(forAnonymous[0].TryGetProperty("favourited", out _));
    }

    [Fact]
    public async Task Tags_in_scripts_with_combining_marks_are_whole_words_in_posts_and_routes()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();
        var tagged = await alice.PostStatusAsync("नमस्ते #हिन्दीवेफ्ट and #தமிழ்வெப்ட்");
        var id = tagged.Str("id");

        Assert.Equal(["हिन्दीवेफ्ट", "தமிழ்வெப்ட்"], tagged.GetProperty("tags").EnumerateArray().Select(t => t.Str("name")));
        await WaitForTagAsync(anonymous, Uri.EscapeDataString("हिन्दीवेफ्ट"), id);
        var tamil = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/timelines/tag/{Uri.EscapeDataString("#தமிழ்வெப்ட்")}"), HttpStatusCode.OK);
        Assert.Equal([id], Json.Ids(tamil));
        var tag = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/tags/{Uri.EscapeDataString("हिन्दीवेफ्ट")}"), HttpStatusCode.OK);
        Assert.Equal("हिन्दीवेफ्ट", tag.Str("name"));
    }

    [Fact]
    public async Task Accented_and_full_width_spellings_are_one_tag_in_posts_routes_and_links()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();
        var accented = await alice.PostStatusAsync("Le #CaféWeft du coin");
        var plain = await alice.PostStatusAsync("the #cafeweft again, and #ｃａｆｅｗｅｆｔ in full width");

        Assert.Equal("cafeweft", Assert.Single(accented.GetProperty("tags").EnumerateArray()).Str("name"));
        Assert.Equal("cafeweft", Assert.Single(plain.GetProperty("tags").EnumerateArray()).Str("name"));
        Assert.Contains("href=\"http://localhost/tags/cafeweft\" class=\"mention hashtag\" rel=\"tag\">#<span>CaféWeft</span>", accented.Str("content"));

        await WaitForTagAsync(anonymous, "cafeweft", accented.Str("id"));
        await WaitForTagAsync(anonymous, "cafeweft", plain.Str("id"));
        foreach (var spelling in (string[])["cafeweft", "CAFÉWEFT", "ca\u0301feweft", "ｃａｆｅｗｅｆｔ"])
        {
            var timeline = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/timelines/tag/{Uri.EscapeDataString(spelling)}"), HttpStatusCode.OK);
            Assert.Equal([plain.Str("id"), accented.Str("id")], Json.Ids(timeline));
        }

        var search = await alice.GetJsonAsync($"/api/v2/search?type=hashtags&q={Uri.EscapeDataString("#Cafés")}");
        Assert.Empty(search.GetProperty("hashtags").EnumerateArray());
        search = await alice.GetJsonAsync($"/api/v2/search?type=hashtags&q={Uri.EscapeDataString("#Café")}");
        Assert.Contains("cafeweft", search.GetProperty("hashtags").EnumerateArray().Select(t => t.Str("name")));
    }

    [Fact]
    public async Task Unlisted_private_and_direct_posts_and_reblogs_stay_out()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var unlisted = (await alice.PostStatusAsync("#hiddenweft unlisted", "unlisted")).Str("id");
        var followersOnly = (await alice.PostStatusAsync("#hiddenweft private", "private")).Str("id");
        var direct = (await alice.PostStatusAsync($"@{bob.Username} #hiddenweft direct", "direct")).Str("id");
        var visible = (await alice.PostStatusAsync("#hiddenweft public")).Str("id");
        var reblog = (await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{visible}/reblog"), HttpStatusCode.OK)).Str("id");
        var last = (await alice.PostStatusAsync("#hiddenweftdone")).Str("id");

        // Fan-out indexes an author's statuses in order: once the last is listed, the earlier ones have been handled.
        await WaitForTagAsync(alice.Client, "hiddenweftdone", last);
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await bob.GetJsonAsync($"/api/v1/accounts/{bob.Id}/statuses")).Contains(reblog), "reblog indexed");
        var ids = Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/tag/hiddenweft"));
        Assert.Equal([visible], ids);
        Assert.DoesNotContain(unlisted, ids);
        Assert.DoesNotContain(followersOnly, ids);
        Assert.DoesNotContain(direct, ids);
        Assert.DoesNotContain(reblog, ids);
    }

    [Fact]
    public async Task A_deleted_post_leaves_the_tag_timeline()
    {
        using var alice = await api.NewUserAsync("alice");
        var kept = (await alice.PostStatusAsync("#goneweft kept")).Str("id");
        var deleted = (await alice.PostStatusAsync("#goneweft deleted")).Str("id");
        await WaitForTagAsync(alice.Client, "goneweft", deleted);

        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{deleted}"), HttpStatusCode.OK);

        await Eventually.WaitUntilAsync(
            async () => !Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/goneweft")).Contains(deleted), "deleted status unindexed");
        Assert.Equal([kept], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/goneweft")));
    }

    [Fact]
    public async Task Tag_timeline_pages_with_link_headers_that_keep_other_parameters()
    {
        using var alice = await api.NewUserAsync("alice");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Insert(0, (await alice.PostStatusAsync($"#pagedweft {i}")).Str("id"));
        }

        await WaitForTagAsync(alice.Client, "pagedweft", ids[0]);
        var first = await alice.Client.GetAsync("/api/v1/timelines/tag/pagedweft?limit=2&local=true");
        Assert.Equal(ids[..2], Json.Ids(await Json.ReadAsync(first, HttpStatusCode.OK)));
        var next = LinkHeaders.Get(first, "next");
        Assert.Equal($"http://localhost/api/v1/timelines/tag/pagedweft?limit=2&local=true&max_id={ids[1]}", next);
        Assert.Equal($"http://localhost/api/v1/timelines/tag/pagedweft?limit=2&local=true&min_id={ids[0]}", LinkHeaders.Get(first, "prev"));

        var second = await alice.Client.GetAsync(next);
        Assert.Equal(ids[2..4], Json.Ids(await Json.ReadAsync(second, HttpStatusCode.OK)));
        Assert.Equal(ids[..2], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/pagedweft?since_id={ids[2]}")));
        Assert.Equal(ids[2..4], Json.Ids(await alice.GetJsonAsync($"/api/v1/timelines/tag/pagedweft?min_id={ids[4]}&limit=2")));
        var empty = await alice.Client.GetAsync($"/api/v1/timelines/tag/pagedweft?min_id={ids[0]}");
        Assert.Empty(Json.Ids(await Json.ReadAsync(empty, HttpStatusCode.OK)));
        Assert.Null(LinkHeaders.Find(empty, "next"));
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.Client.GetAsync("/api/v1/timelines/tag/pagedweft?max_id=abc")).StatusCode);
    }

    [Fact]
    public async Task Any_all_and_none_combine_tags()
    {
        using var alice = await api.NewUserAsync("alice");
        var cats = (await alice.PostStatusAsync("#mixcats")).Str("id");
        var both = (await alice.PostStatusAsync("#mixcats #mixdogs")).Str("id");
        var dogs = (await alice.PostStatusAsync("#mixdogs")).Str("id");
        await WaitForTagAsync(alice.Client, "mixdogs", dogs);

        Assert.Equal([dogs, both, cats], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixcats?any[]=mixdogs&any[]=MixBirds")));
        Assert.Equal([both], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixcats?all[]=mixdogs")));
        Assert.Equal([cats], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixcats?none[]=MIXDOGS")));
        Assert.Equal([dogs], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixdogs?any[]=mixcats&none[]=mixcats")));
        Assert.Equal([dogs, both, cats], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixcats?any[]=not-a-tag&any[]=mixdogs&none[]=bad!")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/mixcats?all[]=not-a-tag")));
    }

    [Theory]
    [InlineData("not-a-tag")]
    [InlineData("sp%20ace")]
    [InlineData("%23")]
    [InlineData("emoji%F0%9F%98%80")]
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890")]
    public async Task A_malformed_hashtag_finds_nothing(string hashtag)
    {
        using var anonymous = api.Factory.CreateClient();

        var response = await anonymous.GetAsync($"/api/v1/timelines/tag/{hashtag}");

        Assert.Empty(Json.Ids(await Json.ReadAsync(response, HttpStatusCode.OK)));
        Assert.Null(LinkHeaders.Find(response, "next"));
    }

    [Fact]
    public async Task Remote_or_only_media_finds_nothing_and_a_token_needs_read_scope()
    {
        using var alice = await api.NewUserAsync("alice");
        using var writer = await api.NewUserAsync("writer", "write");
        var id = (await alice.PostStatusAsync("#flagsweft")).Str("id");
        await WaitForTagAsync(alice.Client, "flagsweft", id);

        Assert.Equal([id], Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/flagsweft?local=true")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/flagsweft?remote=true")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/timelines/tag/flagsweft?only_media=true")));
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.Client.GetAsync("/api/v1/timelines/tag/flagsweft")).StatusCode);
    }

    [Fact]
    public async Task A_tag_is_shown_by_name_and_a_malformed_name_is_not_found()
    {
        using var anonymous = api.Factory.CreateClient();
        using var alice = await api.NewUserAsync("alice");

        var tag = await Json.ReadAsync(await anonymous.GetAsync("/api/v1/tags/%23NeverUsedWeft"), HttpStatusCode.OK);
        Assert.Equal("neverusedweft", tag.Str("name"));
        Assert.Equal("http://localhost/tags/neverusedweft", tag.Str("url"));
        Assert.Equal(0, tag.GetProperty("history").GetArrayLength());

        // Whether the caller follows the tag: only for a signed-in caller, as Mastodon.
        Assert.False(tag.TryGetProperty("following", out _));
        Assert.False((await alice.GetJsonAsync("/api/v1/tags/NeverUsedWeft")).GetProperty("following").GetBoolean());

        var missing = await Json.ReadAsync(await anonymous.GetAsync("/api/v1/tags/not-a-tag"), HttpStatusCode.NotFound);
        Assert.Equal("Record not found", missing.Str("error"));
    }

    private static Task WaitForTagAsync(HttpClient client, string tag, string statusId) =>
        Eventually.WaitUntilAsync(
            async () => Json.Ids(await Json.ReadAsync(await client.GetAsync($"/api/v1/timelines/tag/{tag}"), HttpStatusCode.OK)).Contains(statusId),
            $"status {statusId} under #{tag}");
}
