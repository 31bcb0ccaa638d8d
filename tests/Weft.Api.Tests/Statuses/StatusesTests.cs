using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Statuses;

public sealed class StatusesTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Posted_status_has_the_mastodon_shape()
    {
        using var alice = await api.NewUserAsync("alice");

        var status = await alice.PostStatusAsync("First post", "unlisted");

        Assert.True(long.Parse(status.Str("id")) > 0);
        Assert.Equal("unlisted", status.Str("visibility"));
        Assert.Equal("<p>First post</p>", status.Str("content"));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", status.Str("created_at"));
        Assert.Equal($"http://localhost/@{alice.Username}/{status.Str("id")}", status.Str("url"));
        Assert.Equal(alice.Id, status.GetProperty("account").Str("id"));
        Assert.Equal(alice.Username, status.GetProperty("account").Str("acct"));
        Assert.Equal(ApiUser.AppName, status.GetProperty("application").Str("name"));
        Assert.Equal(JsonValueKind.Null, status.GetProperty("in_reply_to_id").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("reblog").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("card").ValueKind);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("poll").ValueKind);
        Assert.Equal(0, status.GetProperty("media_attachments").GetArrayLength());
        Assert.False(status.GetProperty("favourited").GetBoolean());
        Assert.Equal(0, status.GetProperty("favourites_count").GetInt64());
        Assert.False(status.TryGetProperty("text", out _));
    }

    [Theory]
    [InlineData("cw here", null, true)]
    [InlineData("cw here", "false", true)]
    [InlineData(" ", null, false)]
    [InlineData("", "true", true)]
    [InlineData("", null, false)]
    public async Task A_content_warning_makes_the_status_sensitive_as_in_mastodon(string spoilerText, string? sensitive, bool expected)
    {
        using var alice = await api.NewUserAsync("alice");
        (string, string)[] fields = sensitive is null
            ? [("status", "behind a warning"), ("spoiler_text", spoilerText)]
            : [("status", "behind a warning"), ("spoiler_text", spoilerText), ("sensitive", sensitive)];

        var status = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", fields), HttpStatusCode.OK);

        Assert.Equal(expected, status.GetProperty("sensitive").GetBoolean());
        Assert.Equal(expected, (await alice.GetJsonAsync($"/api/v1/statuses/{status.Str("id")}")).GetProperty("sensitive").GetBoolean());
    }

    [Fact]
    public async Task Anonymous_readers_get_no_viewer_fields()
    {
        using var alice = await api.NewUserAsync("alice");
        var posted = await alice.PostStatusAsync("Hello");
        using var anonymous = api.Factory.CreateClient();

        var status = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{posted.Str("id")}"), HttpStatusCode.OK);

        Assert.Equal(posted.Str("id"), status.Str("id"));
        Assert.False(status.TryGetProperty("favourited", out _));
        Assert.False(status.TryGetProperty("bookmarked", out _));
    }

    [Theory]
    [InlineData("<script>alert('x')</script>", "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</p>")]
    [InlineData("a & b \"quoted\"", "<p>a &amp; b &quot;quoted&quot;</p>")]
    [InlineData("line one\nline two\n\nnext paragraph", "<p>line one<br />line two</p><p>next paragraph</p>")]
    [InlineData("'; DROP TABLE statuses; --", "<p>&#39;; DROP TABLE statuses; --</p>")]
    [InlineData("see https://example.com/a?b=1&c=<2>.", "<p>see <a href=\"https://example.com/a?b=1&amp;c=\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">https://</span><span class=\"\">example.com/a?b=1&amp;c=</span><span class=\"invisible\"></span></a>&lt;2&gt;.</p>")]
    [InlineData("<img src=x onerror=alert(1)> #Weft", "<p>&lt;img src=x onerror=alert(1)&gt; <a href=\"http://localhost/tags/weft\" class=\"mention hashtag\" rel=\"tag\">#<span>Weft</span></a></p>")]
    public async Task Content_is_escaped_html_and_the_source_is_stored_as_written(string text, string html)
    {
        using var alice = await api.NewUserAsync("alice");

        var posted = await alice.PostStatusAsync(text);
        var read = await alice.GetJsonAsync($"/api/v1/statuses/{posted.Str("id")}");
        var deleted = await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{posted.Str("id")}"), HttpStatusCode.OK);

        Assert.Equal(html, posted.Str("content"));
        Assert.Equal(html, read.Str("content"));
        Assert.Equal(text, deleted.Str("text"));
    }

    [Fact]
    public async Task Mentions_link_only_registered_accounts()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var status = await alice.PostStatusAsync($"hi @{bob.Username} and @nobody_here");

        Assert.Equal(
            $"<p>hi <span class=\"h-card\" translate=\"no\"><a href=\"http://localhost/@{bob.Username}\" class=\"u-url mention\">@<span>{bob.Username}</span></a></span> and @nobody_here</p>",
            status.Str("content"));
        var mention = Assert.Single(status.GetProperty("mentions").EnumerateArray());
        Assert.Equal(bob.Id, mention.Str("id"));
        Assert.Equal(bob.Username, mention.Str("acct"));
        Assert.Equal($"http://localhost/@{bob.Username}", mention.Str("url"));
    }

    [Theory]
    [InlineData("", "Validation failed: Text can't be blank")]
    [InlineData("   ", "Validation failed: Text can't be blank")]
    public async Task Blank_text_is_refused(string text, string error)
    {
        using var alice = await api.NewUserAsync("alice");

        var body = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", text)), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(error, body.Str("error"));
    }

    [Fact]
    public async Task Text_is_limited_to_500_characters_as_mastodon_counts_them()
    {
        using var alice = await api.NewUserAsync("alice");
        var longUrl = "https://example.com/" + new string('a', 600);

        var atLimit = await alice.PostFormAsync("/api/v1/statuses", ("status", new string('x', 500)));
        var overLimit = await alice.PostFormAsync("/api/v1/statuses", ("status", new string('x', 501)));
        var emoji = await alice.PostFormAsync("/api/v1/statuses", ("status", string.Concat(Enumerable.Repeat("👍🏽", 500))));
        var url = await alice.PostFormAsync("/api/v1/statuses", ("status", new string('x', 470) + " " + longUrl));
        var withWarning = await alice.PostFormAsync("/api/v1/statuses", ("status", new string('x', 490)), ("spoiler_text", new string('w', 11)));

        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);
        var error = await Json.ReadAsync(overLimit, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Validation failed: Text character limit of 500 exceeded", error.Str("error"));
        Assert.Equal(HttpStatusCode.OK, emoji.StatusCode);
        Assert.Equal(HttpStatusCode.OK, url.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withWarning.StatusCode);
    }

    [Theory]
    [InlineData("de", "de")]
    [InlineData("zh-TW", "zh-tw")]
    [InlineData("ast", "ast")]
    [InlineData("zzzz", null)]
    [InlineData("zz-bogus", null)]
    [InlineData("en-US", "en")]
    [InlineData("pt_BR", "pt-br")]
    [InlineData("tlh", null)]
    [InlineData("<script>", null)]
    [InlineData("", null)]
    public async Task Language_is_a_known_iso_639_code_or_its_language_without_the_region_or_null(string sent, string? stored)
    {
        using var alice = await api.NewUserAsync("alice");

        var status = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", "text"), ("language", sent)), HttpStatusCode.OK);

        Assert.Equal(stored, status.GetProperty("language").GetString());
        Assert.Equal(stored, (await alice.GetJsonAsync($"/api/v1/statuses/{status.Str("id")}")).GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("visibility", "everyone", HttpStatusCode.UnprocessableEntity)]
    [InlineData("media_ids[]", "123", HttpStatusCode.UnprocessableEntity)]
    [InlineData("poll[options][]", "yes", HttpStatusCode.UnprocessableEntity)]
    [InlineData("in_reply_to_id", "999999999", HttpStatusCode.NotFound)]
    [InlineData("in_reply_to_id", "not-an-id", HttpStatusCode.NotFound)]
    [InlineData("sensitive", "maybe", HttpStatusCode.UnprocessableEntity)]
    public async Task Bad_parameters_are_refused_with_json_errors(string name, string value, HttpStatusCode expected)
    {
        using var alice = await api.NewUserAsync("alice");

        var body = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", "text"), (name, value)), expected);

        Assert.False(string.IsNullOrEmpty(body.Str("error")));
    }

    [Fact]
    public async Task Absent_features_sent_as_null_or_blank_are_no_request_for_them()
    {
        // Mastodon's web client sends "poll": null and "media_ids": [] with every status, and edits the same way.
        using var alice = await api.NewUserAsync("alice");

        var posted = await Json.ReadAsync(
            await alice.Client.PostAsync("/api/v1/statuses", JsonContent.Create(new { status = "plain", media_ids = Array.Empty<string>(), poll = (object?)null, scheduled_at = (string?)null, visibility = "public" })),
            HttpStatusCode.OK);
        var edited = await Json.ReadAsync(
            await alice.Client.PutAsync($"/api/v1/statuses/{posted.Str("id")}", JsonContent.Create(new { status = "plain, edited", media_ids = Array.Empty<string>(), poll = (object?)null })),
            HttpStatusCode.OK);
        var blankForm = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", "form"), ("poll", "")), HttpStatusCode.OK);
        var withPoll = await Json.ReadAsync(
            await alice.Client.PostAsync("/api/v1/statuses", JsonContent.Create(new { status = "a poll", poll = new { options = new[] { "a", "b" }, expires_in = 300 } })),
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal("<p>plain</p>", posted.Str("content"));
        Assert.Equal("<p>plain, edited</p>", edited.Str("content"));
        Assert.Equal("<p>form</p>", blankForm.Str("content"));
        Assert.Equal("Validation failed: Polls are not supported yet", withPoll.Str("error"));
    }

    [Fact]
    public async Task Parameters_in_the_query_are_checked_as_utf8_like_those_in_the_body()
    {
        using var alice = await api.NewUserAsync("alice");

        var surrogate = await alice.Client.PostAsync("/api/v1/statuses?status=%ED%A0%80", new FormUrlEncodedContent([]));
        var valid = await alice.Client.PostAsync("/api/v1/statuses?status=caf%C3%A9", new FormUrlEncodedContent([]));

        var error = await Json.ReadAsync(surrogate, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Validation failed: the query string's percent escapes are not valid UTF-8", error.Str("error"));
        Assert.Equal("<p>café</p>", (await Json.ReadAsync(valid, HttpStatusCode.OK)).Str("content"));
    }

    [Fact]
    public async Task A_json_body_may_begin_with_a_byte_order_mark()
    {
        using var alice = await api.NewUserAsync("alice");
        byte[] body = [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"status\": \"marked\"}")];
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var status = await Json.ReadAsync(await alice.Client.PostAsync("/api/v1/statuses", content), HttpStatusCode.OK);

        Assert.Equal("<p>marked</p>", status.Str("content"));
    }

    [Fact]
    public async Task Wrong_json_types_are_refused_not_crashed_on()
    {
        using var alice = await api.NewUserAsync("alice");

        var response = await alice.Client.PostAsync("/api/v1/statuses", new StringContent("{\"status\": {\"nested\": 1}}", System.Text.Encoding.UTF8, "application/json"));
        var malformed = await alice.Client.PostAsync("/api/v1/statuses", new StringContent("{\"status\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("application/json", malformed.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("99999999999999999999999")]
    [InlineData("12345")]
    public async Task Malformed_or_unknown_status_ids_are_not_found(string id)
    {
        using var alice = await api.NewUserAsync("alice");

        foreach (var response in new[]
        {
            await alice.Client.GetAsync($"/api/v1/statuses/{id}"),
            await alice.Client.GetAsync($"/api/v1/statuses/{id}/context"),
            await alice.PostFormAsync($"/api/v1/statuses/{id}/favourite"),
            await alice.PostFormAsync($"/api/v1/statuses/{id}/reblog"),
            await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"),
        })
        {
            var body = await Json.ReadAsync(response, HttpStatusCode.NotFound);
            Assert.Equal("Record not found", body.Str("error"));
        }
    }

    [Fact]
    public async Task Posting_needs_a_token_with_write_scope()
    {
        using var anonymous = api.Factory.CreateClient();
        using var reader = await api.NewUserAsync("reader", "read");

        var noToken = await anonymous.PostAsync("/api/v1/statuses", new FormUrlEncodedContent([new("status", "x")]));
        var readOnly = await reader.PostFormAsync("/api/v1/statuses", ("status", "x"));

        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
    }

    [Fact]
    public async Task Counts_leave_out_what_others_may_not_see_direct_statuses_and_private_replies()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var opening = (await alice.PostStatusAsync("an open question")).Str("id");
        await alice.PostStatusAsync($"just for @{bob.Username}", "direct");
        await alice.PostStatusAsync("followers only, in the thread", "private", inReplyToId: opening);
        var direct = (await alice.PostStatusAsync($"also just for @{bob.Username}", "direct")).Str("id");
        await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{direct}"), HttpStatusCode.OK);
        await bob.PostStatusAsync("an unlisted answer", "unlisted", inReplyToId: opening);

        // The opening post and the private reply; neither direct status, before or after its deletion.
        using var anonymous = api.Factory.CreateClient();
        var account = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/{alice.Id}"), HttpStatusCode.OK);
        Assert.Equal(2, account.GetProperty("statuses_count").GetInt64());

        // Bob's unlisted answer alone: the private reply is not counted for anyone.
        await Eventually.WaitUntilAsync(
            async () => (await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{opening}"), HttpStatusCode.OK)).GetProperty("replies_count").GetInt64() == 1,
            "the unlisted reply counted");
        Assert.Equal(1, (await alice.GetJsonAsync($"/api/v1/statuses/{opening}")).GetProperty("replies_count").GetInt64());
    }

    [Theory]
    [InlineData(7)]
    [InlineData(256)]
    [InlineData(257)]
    [InlineData(4000)]
    public async Task Same_idempotency_key_posts_once_whatever_its_length(int length)
    {
        using var alice = await api.NewUserAsync("alice");
        var key = string.Concat(Enumerable.Repeat("key-1", length / 5 + 1))[..length];

        async Task<string> PostAsync(string idempotencyKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses") { Content = new FormUrlEncodedContent([new("status", "once")]) };
            request.Headers.Add("Idempotency-Key", idempotencyKey);
            return (await Json.ReadAsync(await alice.Client.SendAsync(request), HttpStatusCode.OK)).Str("id");
        }

        Assert.Equal(await PostAsync(key), await PostAsync(key));
        var account = await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}");
        Assert.Equal(1, account.GetProperty("statuses_count").GetInt64());

        // A key that differs in its last character alone is another post.
        Assert.NotEqual(await PostAsync(key), await PostAsync(key[..^1] + "!"));
    }

    [Fact]
    public async Task Favourite_twice_counts_once_and_unfavourite_undoes_it()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var id = (await alice.PostStatusAsync("like me")).Str("id");

        var first = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        var second = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);

        Assert.True(first.GetProperty("favourited").GetBoolean());
        Assert.Equal(1, second.GetProperty("favourites_count").GetInt64());
        var by = await alice.GetJsonAsync($"/api/v1/statuses/{id}/favourited_by");
        Assert.Equal([bob.Id], Json.Ids(by));

        var undone = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.OK);
        Assert.False(undone.GetProperty("favourited").GetBoolean());
        Assert.Equal(0, undone.GetProperty("favourites_count").GetInt64());
    }

    [Fact]
    public async Task An_account_that_lost_sight_of_a_status_still_undoes_its_favourite_and_bookmark_but_cannot_act_anew()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await bob.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("for followers", "private")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/bookmark"), HttpStatusCode.OK);
        Assert.Single(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")));
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/unfollow"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.NotFound);

        var unfavourited = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.OK);
        var unbookmarked = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unbookmark"), HttpStatusCode.OK);

        Assert.Equal((false, 0), (unfavourited.GetProperty("favourited").GetBoolean(), unfavourited.GetProperty("favourites_count").GetInt64()));
        Assert.False(unbookmarked.GetProperty("bookmarked").GetBoolean());
        Assert.Equal(0, (await alice.GetJsonAsync($"/api/v1/statuses/{id}")).GetProperty("favourites_count").GetInt64());
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")));

        // Nothing left to undo, or never anything: the status stays out of sight.
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unbookmark"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await carol.PostFormAsync($"/api/v1/statuses/{id}/unreblog"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Favouriting_again_does_not_bring_back_a_dismissed_notification_and_unfavouriting_takes_it()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var id = (await alice.PostStatusAsync("like me")).Str("id");
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        var notification = Assert.Single(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")));

        // Dismissed, then favourited again (a client's retry): the favourite stands, and Mastodon notifies once per favourite.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/notifications/{notification}/dismiss"), HttpStatusCode.OK);
        var again = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);

        Assert.Equal((true, 1), (again.GetProperty("favourited").GetBoolean(), again.GetProperty("favourites_count").GetInt64()));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")));

        // A new favourite after an unfavourite notifies anew; unfavouriting takes that notification with it.
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
        var renewed = Assert.Single((await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")).EnumerateArray());
        Assert.Equal(bob.Id, renewed.GetProperty("account").Str("id"));
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unfavourite"), HttpStatusCode.OK);
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=favourite")));
    }

    [Fact]
    public async Task Reblogged_by_leaves_out_reblogs_shown_to_followers_only()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var dave = await api.NewUserAsync("dave");
        using var anonymous = api.Factory.CreateClient();
        var id = (await alice.PostStatusAsync("boost me")).Str("id");

        var quiet = await Json.ReadAsync(await dave.PostFormAsync($"/api/v1/statuses/{id}/reblog", ("visibility", "private")), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);

        Assert.Equal("private", quiet.Str("visibility"));
        Assert.Equal([bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/statuses/{id}/reblogged_by")));
        Assert.Equal([bob.Id], Json.Ids(await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{id}/reblogged_by"), HttpStatusCode.OK)));

        // Undone and done again in public, it is listed.
        await Json.ReadAsync(await dave.PostFormAsync($"/api/v1/statuses/{id}/unreblog"), HttpStatusCode.OK);
        await Json.ReadAsync(await dave.PostFormAsync($"/api/v1/statuses/{id}/reblog", ("visibility", "public")), HttpStatusCode.OK);
        Assert.Equal(new[] { bob.Id, dave.Id }.Order(), Json.Ids(await alice.GetJsonAsync($"/api/v1/statuses/{id}/reblogged_by")).Order());
    }

    [Fact]
    public async Task Favourited_by_and_reblogged_by_page_newest_first_with_link_headers()
    {
        using var alice = await api.NewUserAsync("alice");
        var id = (await alice.PostStatusAsync("popular")).Str("id");
        var fans = new List<ApiUser>();
        for (var i = 0; i < 3; i++)
        {
            var fan = await api.NewUserAsync("fan");
            fans.Add(fan);
            await Json.ReadAsync(await fan.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
            await Json.ReadAsync(await fan.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);
        }

        foreach (var list in (string[])["favourited_by", "reblogged_by"])
        {
            var first = await alice.Client.GetAsync($"/api/v1/statuses/{id}/{list}?limit=2");
            Assert.Equal([fans[2].Id, fans[1].Id], Json.Ids(await Json.ReadAsync(first, HttpStatusCode.OK)));
            var next = LinkHeaders.Get(first, "next");
            Assert.StartsWith($"http://localhost/api/v1/statuses/{id}/{list}?", next);
            Assert.Contains("limit=2", next);
            var second = await alice.Client.GetAsync(next);
            Assert.Equal([fans[0].Id], Json.Ids(await Json.ReadAsync(second, HttpStatusCode.OK)));
            Assert.Null(LinkHeaders.Find(second, "next")); // short: the last page
            var prev = LinkHeaders.Get(second, "prev");
            Assert.Equal([fans[2].Id, fans[1].Id], Json.Ids(await Json.ReadAsync(await alice.Client.GetAsync(prev), HttpStatusCode.OK)));
        }

        foreach (var fan in fans)
        {
            fan.Dispose();
        }
    }

    [Fact]
    public async Task Reblog_wraps_the_original_and_unreblog_returns_it()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var id = (await alice.PostStatusAsync("boost me")).Str("id");

        var reblog = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);
        var again = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.OK);

        Assert.NotEqual(id, reblog.Str("id"));
        Assert.Equal(reblog.Str("id"), again.Str("id"));
        Assert.Equal(bob.Id, reblog.GetProperty("account").Str("id"));
        var original = reblog.GetProperty("reblog");
        Assert.Equal(id, original.Str("id"));
        Assert.True(original.GetProperty("reblogged").GetBoolean());
        Assert.Equal(1, original.GetProperty("reblogs_count").GetInt64());
        Assert.Equal([bob.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/statuses/{id}/reblogged_by")));

        var undone = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/unreblog"), HttpStatusCode.OK);
        Assert.Equal(id, undone.Str("id"));
        Assert.False(undone.GetProperty("reblogged").GetBoolean());
        Assert.Equal(0, undone.GetProperty("reblogs_count").GetInt64());
    }

    [Fact]
    public async Task Bookmarks_are_private_and_listed_newest_first()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var first = (await alice.PostStatusAsync("one")).Str("id");
        var second = (await alice.PostStatusAsync("two")).Str("id");

        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{first}/bookmark"), HttpStatusCode.OK);
        var marked = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{second}/bookmark"), HttpStatusCode.OK);
        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{second}/bookmark"), HttpStatusCode.OK);

        Assert.True(marked.GetProperty("bookmarked").GetBoolean());
        Assert.Equal([second, first], Json.Ids(await bob.GetJsonAsync("/api/v1/bookmarks")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/bookmarks")));
        Assert.False((await alice.GetJsonAsync($"/api/v1/statuses/{second}")).GetProperty("bookmarked").GetBoolean());

        await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{second}/unbookmark"), HttpStatusCode.OK);
        Assert.Equal([first], Json.Ids(await bob.GetJsonAsync("/api/v1/bookmarks")));
    }

    [Fact]
    public async Task Favourites_list_pages_by_favourite_with_link_headers()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = (await alice.PostStatusAsync($"status {i}")).Str("id");
            await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.OK);
            ids.Insert(0, id);
        }

        var page = await bob.Client.GetAsync("/api/v1/favourites?limit=2");
        var body = await Json.ReadAsync(page, HttpStatusCode.OK);
        Assert.Equal(ids[..2], Json.Ids(body));
        var next = LinkHeaders.Get(page, "next");
        Assert.Contains("limit=2", next);
        var rest = await Json.ReadAsync(await bob.Client.GetAsync(next), HttpStatusCode.OK);
        Assert.Equal([ids[2]], Json.Ids(rest));
    }

    [Fact]
    public async Task Replies_form_a_thread_in_context()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var root = (await alice.PostStatusAsync("root")).Str("id");
        var reply = await bob.PostStatusAsync($"@{alice.Username} reply", inReplyToId: root);
        var nested = (await alice.PostStatusAsync($"@{bob.Username} nested", inReplyToId: reply.Str("id"))).Str("id");

        Assert.Equal(root, reply.Str("in_reply_to_id"));
        Assert.Equal(alice.Id, reply.Str("in_reply_to_account_id"));
        // Replies are indexed by the fan-out, after the post returns.
        await Eventually.WaitUntilAsync(
            async () => Json.Ids((await bob.GetJsonAsync($"/api/v1/statuses/{root}/context")).GetProperty("descendants")).Count == 2,
            "both replies indexed");
        var context = await bob.GetJsonAsync($"/api/v1/statuses/{reply.Str("id")}/context");
        Assert.Equal([root], Json.Ids(context.GetProperty("ancestors")));
        Assert.Equal([nested], Json.Ids(context.GetProperty("descendants")));
        var rootContext = await bob.GetJsonAsync($"/api/v1/statuses/{root}/context");
        Assert.Equal([reply.Str("id"), nested], Json.Ids(rootContext.GetProperty("descendants")));
        Assert.Empty(Json.Ids(rootContext.GetProperty("ancestors")));
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync($"/api/v1/statuses/{root}")).GetProperty("replies_count").GetInt64() == 1,
            "the root counts one direct reply");
    }

    [Fact]
    public async Task Only_the_author_deletes_and_the_status_disappears_everywhere()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("short-lived")).Str("id");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "fan-out to bob");

        var notYours = await bob.Client.DeleteAsync($"/api/v1/statuses/{id}");
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.Client.GetAsync($"/api/v1/statuses/{id}")).StatusCode);

        var deleted = await Json.ReadAsync(await alice.Client.DeleteAsync($"/api/v1/statuses/{id}"), HttpStatusCode.OK);
        Assert.Equal("short-lived", deleted.Str("text"));
        Assert.False(deleted.TryGetProperty("content", out _));
        await alice.GetJsonAsync($"/api/v1/statuses/{id}", HttpStatusCode.NotFound);
        Assert.Equal(0, (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("statuses_count").GetInt64());
        Assert.DoesNotContain(id, Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
        await Eventually.WaitUntilAsync(async () => !Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "gone from bob's home");
        await alice.GetJsonAsync($"/api/v1/statuses/{id}/context", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Private_statuses_are_invisible_to_non_followers_on_every_path()
    {
        using var alice = await api.NewUserAsync("alice");
        using var follower = await api.NewUserAsync("follower");
        using var stranger = await api.NewUserAsync("stranger");
        using var anonymous = api.Factory.CreateClient();
        await follower.FollowAsync(alice);
        var id = (await alice.PostStatusAsync("followers only", "private")).Str("id");

        Assert.Equal("private", (await follower.GetJsonAsync($"/api/v1/statuses/{id}")).Str("visibility"));
        await Eventually.WaitUntilAsync(async () => Json.Ids(await follower.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "fan-out to the follower");
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await follower.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")).Contains(id), "indexed for the follower");

        await stranger.GetJsonAsync($"/api/v1/statuses/{id}", HttpStatusCode.NotFound);
        await stranger.GetJsonAsync($"/api/v1/statuses/{id}/context", HttpStatusCode.NotFound);
        await stranger.GetJsonAsync($"/api/v1/statuses/{id}/favourited_by", HttpStatusCode.NotFound);
        await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/statuses/{id}"), HttpStatusCode.NotFound);
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
        Assert.DoesNotContain(id, Json.Ids(await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/{alice.Id}/statuses"), HttpStatusCode.OK)));
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync("/api/v1/timelines/public")));
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync("/api/v1/timelines/home")));
        await Json.ReadAsync(await stranger.PostFormAsync($"/api/v1/statuses/{id}/favourite"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await stranger.PostFormAsync($"/api/v1/statuses/{id}/bookmark"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await stranger.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await stranger.PostFormAsync("/api/v1/statuses", ("status", "sneaky reply"), ("in_reply_to_id", id)), HttpStatusCode.NotFound);

        // Followers see it but may not reblog it.
        await Json.ReadAsync(await follower.PostFormAsync($"/api/v1/statuses/{id}/reblog"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Direct_statuses_reach_only_the_mentioned()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var follower = await api.NewUserAsync("follower");
        await follower.FollowAsync(alice);
        await bob.FollowAsync(alice);
        var id = (await alice.PostStatusAsync($"@{bob.Username} secret", "direct")).Str("id");

        Assert.Equal("direct", (await bob.GetJsonAsync($"/api/v1/statuses/{id}")).Str("visibility"));
        Assert.Equal("direct", (await alice.GetJsonAsync($"/api/v1/statuses/{id}")).Str("visibility"));
        await follower.GetJsonAsync($"/api/v1/statuses/{id}", HttpStatusCode.NotFound);
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(id), "the mentioned follower's home");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")).Contains(id), "indexed");
        Assert.DoesNotContain(id, Json.Ids(await follower.GetJsonAsync("/api/v1/timelines/home")));
        Assert.DoesNotContain(id, Json.Ids(await follower.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
    }

    [Fact]
    public async Task A_private_status_is_in_its_authors_profile_for_an_account_it_mentions_that_does_not_follow()
    {
        using var alice = await api.NewUserAsync("alice");
        using var carol = await api.NewUserAsync("carol");
        using var stranger = await api.NewUserAsync("stranger");
        var id = (await alice.PostStatusAsync($"hey @{carol.Username}", "private")).Str("id");

        Assert.Equal("private", (await carol.GetJsonAsync($"/api/v1/statuses/{id}")).Str("visibility"));
        await Eventually.WaitUntilAsync(async () => Json.Ids(await carol.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")).Contains(id), "listed for the mentioned");
        Assert.DoesNotContain(id, Json.Ids(await stranger.GetJsonAsync($"/api/v1/accounts/{alice.Id}/statuses")));
    }

    [Fact]
    public async Task Several_statuses_come_in_the_order_asked_without_the_hidden_and_missing_ones()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var first = (await alice.PostStatusAsync("first")).Str("id");
        var secret = (await alice.PostStatusAsync("followers only", "private")).Str("id");
        var second = (await alice.PostStatusAsync("second")).Str("id");

        var path = $"/api/v1/statuses?id[]={second}&id[]={secret}&id[]=123456789&id[]={first}&id[]={second}";
        Assert.Equal([second, first], Json.Ids(await bob.GetJsonAsync(path)));
        Assert.Equal([second, secret, first], Json.Ids(await alice.GetJsonAsync(path)));
        Assert.Empty((await bob.GetJsonAsync("/api/v1/statuses")).EnumerateArray());

        await Json.ReadAsync(await bob.Client.GetAsync("/api/v1/statuses?id[]=abc"), System.Net.HttpStatusCode.BadRequest);
        var many = string.Join("&", Enumerable.Range(1, 21).Select(i => $"id[]={i}"));
        await Json.ReadAsync(await bob.Client.GetAsync($"/api/v1/statuses?{many}"), System.Net.HttpStatusCode.UnprocessableEntity);
    }
}
