using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Accounts;

public sealed class AccountsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task Verify_credentials_returns_the_account_with_its_source()
    {
        using var alice = await api.NewUserAsync("alice");

        var account = await alice.GetJsonAsync("/api/v1/accounts/verify_credentials");

        Assert.Equal(alice.Id, account.Str("id"));
        Assert.Equal(alice.Username, account.Str("username"));
        Assert.Equal(alice.Username, account.Str("acct"));
        Assert.Equal($"http://localhost/@{alice.Username}", account.Str("url"));
        Assert.Equal("http://localhost/avatars/original/missing.png", account.Str("avatar"));
        Assert.Equal("http://localhost/headers/original/missing.png", account.Str("header_static"));
        Assert.EndsWith("T00:00:00.000Z", account.Str("created_at"));
        Assert.Equal(JsonValueKind.Null, account.GetProperty("last_status_at").ValueKind);
        Assert.Equal(0, account.GetProperty("emojis").GetArrayLength());
        Assert.Equal(0, account.GetProperty("fields").GetArrayLength());
        Assert.False(account.GetProperty("group").GetBoolean());
        var source = account.GetProperty("source");
        Assert.Equal("public", source.Str("privacy"));
        Assert.Equal("", source.Str("note"));
        Assert.Equal(0, source.GetProperty("follow_requests_count").GetInt64());
    }

    [Fact]
    public async Task Verify_credentials_shows_a_plain_user_the_everyone_role_beside_the_source()
    {
        using var alice = await api.NewUserAsync("role");

        var account = await alice.GetJsonAsync("/api/v1/accounts/verify_credentials");

        var role = account.GetProperty("role");
        Assert.Equal(
            ["id", "name", "permissions", "color", "highlighted"],
            role.EnumerateObject().Select(property => property.Name));
        Assert.Equal("-99", role.Str("id"));
        Assert.Equal("", role.Str("name"));
        Assert.Equal("0", role.Str("permissions"));
        Assert.Equal("", role.Str("color"));
        Assert.False(role.GetProperty("highlighted").GetBoolean());
        Assert.Equal("public", account.GetProperty("source").Str("privacy"));
    }

    [Fact]
    public async Task Other_accounts_show_no_role()
    {
        using var alice = await api.NewUserAsync("role_viewer");
        using var bob = await api.NewUserAsync("role_shown");

        var account = await alice.GetJsonAsync($"/api/v1/accounts/{bob.Id}");

        Assert.False(account.TryGetProperty("role", out _));
        Assert.Equal(0, account.GetProperty("roles").GetArrayLength());
    }

    [Fact]
    public async Task Verify_credentials_needs_a_user_token()
    {
        using var anonymous = api.Factory.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/accounts/verify_credentials");

        Assert.Equal("The access token is invalid", (await Json.ReadAsync(response, HttpStatusCode.Unauthorized)).Str("error"));
    }

    [Fact]
    public async Task Placeholder_avatar_is_a_png()
    {
        using var anonymous = api.Factory.CreateClient();

        var response = await anonymous.GetAsync("/avatars/original/missing.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Accounts_are_public_and_found_by_lookup()
    {
        using var alice = await api.NewUserAsync("alice");
        using var anonymous = api.Factory.CreateClient();

        var byId = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/{alice.Id}"), HttpStatusCode.OK);
        var byName = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/lookup?acct={alice.Username.ToUpperInvariant()}"), HttpStatusCode.OK);
        var byAcct = await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/lookup?acct=@{alice.Username}@localhost"), HttpStatusCode.OK);

        Assert.Equal(alice.Username, byId.Str("username"));
        Assert.False(byId.TryGetProperty("source", out _));
        Assert.Equal(alice.Id, byName.Str("id"));
        Assert.Equal(alice.Id, byAcct.Str("id"));
        await Json.ReadAsync(await anonymous.GetAsync($"/api/v1/accounts/lookup?acct={alice.Username}@elsewhere.example"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await anonymous.GetAsync("/api/v1/accounts/lookup?acct=nobody_at_all"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await anonymous.GetAsync("/api/v1/accounts/lookup?acct=%27%3B--"), HttpStatusCode.NotFound);
        await Json.ReadAsync(await anonymous.GetAsync("/api/v1/accounts/lookup"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("123456")]
    public async Task Malformed_or_unknown_account_ids_are_not_found(string id)
    {
        using var alice = await api.NewUserAsync("alice");

        foreach (var response in new[]
        {
            await alice.Client.GetAsync($"/api/v1/accounts/{id}"),
            await alice.Client.GetAsync($"/api/v1/accounts/{id}/statuses"),
            await alice.Client.GetAsync($"/api/v1/accounts/{id}/followers"),
            await alice.Client.GetAsync($"/api/v1/accounts/{id}/following"),
            await alice.PostFormAsync($"/api/v1/accounts/{id}/follow"),
            await alice.PostFormAsync($"/api/v1/accounts/{id}/unfollow"),
        })
        {
            Assert.Equal("Record not found", (await Json.ReadAsync(response, HttpStatusCode.NotFound)).Str("error"));
        }
    }

    [Fact]
    public async Task Follow_and_unfollow_return_relationships_and_update_counts()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var followed = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/follow"), HttpStatusCode.OK);
        var twice = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/follow"), HttpStatusCode.OK);

        Assert.Equal(alice.Id, followed.Str("id"));
        Assert.True(followed.GetProperty("following").GetBoolean());
        Assert.False(followed.GetProperty("followed_by").GetBoolean());
        Assert.False(followed.GetProperty("blocking").GetBoolean());
        Assert.True(twice.GetProperty("following").GetBoolean());
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("followers_count").GetInt64() == 1,
            "alice has one follower");
        Assert.Equal(1, (await bob.GetJsonAsync($"/api/v1/accounts/{bob.Id}")).GetProperty("following_count").GetInt64());
        var seenByAlice = await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={bob.Id}");
        Assert.True(Assert.Single(seenByAlice.EnumerateArray()).GetProperty("followed_by").GetBoolean());

        var unfollowed = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/unfollow"), HttpStatusCode.OK);
        Assert.False(unfollowed.GetProperty("following").GetBoolean());
        await Eventually.WaitUntilAsync(
            async () => (await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("followers_count").GetInt64() == 0,
            "alice has no follower");
    }

    [Fact]
    public async Task Following_yourself_is_refused()
    {
        using var alice = await api.NewUserAsync("alice");

        var response = await alice.PostFormAsync($"/api/v1/accounts/{alice.Id}/follow");

        var error = await Json.ReadAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Following your own account is not allowed", error.Str("error"));
        Assert.Equal(0, (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("following_count").GetInt64());
    }

    [Fact]
    public async Task Following_for_some_languages_only_is_refused_as_not_built_and_follows_nobody()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var form = await bob.Client.PostAsync($"/api/v1/accounts/{alice.Id}/follow", new FormUrlEncodedContent([new("languages[]", "en"), new("languages[]", "de")]));
        var json = await bob.Client.PostAsync($"/api/v1/accounts/{alice.Id}/follow", System.Net.Http.Json.JsonContent.Create(new { languages = new[] { "en" } }));

        foreach (var refused in new[] { form, json })
        {
            Assert.Contains("languages", (await Json.ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).Str("error"));
        }

        Assert.Equal(0, (await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("followers_count").GetInt64());
        var all = await Json.ReadAsync(
            await bob.Client.PostAsync($"/api/v1/accounts/{alice.Id}/follow", System.Net.Http.Json.JsonContent.Create(new { languages = Array.Empty<string>() })), HttpStatusCode.OK);
        Assert.True(all.GetProperty("following").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, all.GetProperty("languages").ValueKind);
    }

    [Fact]
    public async Task Follow_options_reblogs_and_notify_are_kept_changed_by_following_again_and_shown_in_relationships()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var followed = await Json.ReadAsync(
            await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/follow", ("reblogs", "false"), ("notify", "true")), HttpStatusCode.OK);

        Assert.True(followed.GetProperty("following").GetBoolean());
        Assert.False(followed.GetProperty("showing_reblogs").GetBoolean());
        Assert.True(followed.GetProperty("notifying").GetBoolean());
        var post = (await alice.PostStatusAsync("news for the notified")).Str("id");
        await Eventually.WaitUntilAsync(
            async () => Json.Ids(await bob.GetJsonAsync("/api/v1/notifications?types[]=status")).Count == 1,
            "a status notification");
        var notification = (await bob.GetJsonAsync("/api/v1/notifications?types[]=status"))[0];
        Assert.Equal("status", notification.Str("type"));
        Assert.Equal(post, notification.GetProperty("status").Str("id"));

        // Following again with JSON changes only what it names; a bad value changes nothing.
        var json = new StringContent("""{"reblogs": true}""", System.Text.Encoding.UTF8, "application/json");
        var changed = await Json.ReadAsync(await bob.Client.PostAsync($"/api/v1/accounts/{alice.Id}/follow", json), HttpStatusCode.OK);
        Assert.True(changed.GetProperty("showing_reblogs").GetBoolean());
        Assert.True(changed.GetProperty("notifying").GetBoolean());
        var bad = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/follow", ("notify", "sometimes")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("notify", bad.Str("error"), StringComparison.Ordinal);
        var relationship = (await bob.GetJsonAsync($"/api/v1/accounts/relationships?id[]={alice.Id}"))[0];
        Assert.True(relationship.GetProperty("showing_reblogs").GetBoolean());
        Assert.True(relationship.GetProperty("notifying").GetBoolean());
        Assert.Equal(1, (await bob.GetJsonAsync($"/api/v1/accounts/{bob.Id}")).GetProperty("following_count").GetInt64());

        // Not following: neither shows.
        var unfollowed = await Json.ReadAsync(await bob.PostFormAsync($"/api/v1/accounts/{alice.Id}/unfollow"), HttpStatusCode.OK);
        Assert.False(unfollowed.GetProperty("showing_reblogs").GetBoolean());
        Assert.False(unfollowed.GetProperty("notifying").GetBoolean());
    }

    [Fact]
    public async Task Familiar_followers_are_the_followers_the_user_follows_too()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        using var dave = await api.NewUserAsync("dave");
        using var stranger = await api.NewUserAsync("stranger");
        await alice.FollowAsync(bob);
        await alice.FollowAsync(carol);
        await bob.FollowAsync(dave);
        await carol.FollowAsync(dave);
        await stranger.FollowAsync(dave);

        var familiar = await alice.GetJsonAsync($"/api/v1/accounts/familiar_followers?id[]={dave.Id}&id[]=abc&id[]={bob.Id}&id[]=424242");

        Assert.Equal([dave.Id, bob.Id], Json.Ids(familiar));
        Assert.Equal(new[] { bob.Id, carol.Id }.Order(), Json.Ids(familiar[0].GetProperty("accounts")).Order());
        Assert.Equal(0, familiar[1].GetProperty("accounts").GetArrayLength());
        Assert.Equal(0, (await stranger.GetJsonAsync($"/api/v1/accounts/familiar_followers?id={dave.Id}"))[0].GetProperty("accounts").GetArrayLength());

        // Hidden collections stay hidden: carol, hiding hers, is no longer listed as following dave; once dave hides his,
        // his followers are not listed at all.
        await Json.ReadAsync(await carol.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent([new("hide_collections", "true")])), HttpStatusCode.OK);
        Assert.Equal([bob.Id], Json.Ids((await alice.GetJsonAsync($"/api/v1/accounts/familiar_followers?id[]={dave.Id}"))[0].GetProperty("accounts")));
        await Json.ReadAsync(await dave.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent([new("hide_collections", "true")])), HttpStatusCode.OK);
        Assert.Equal(0, (await alice.GetJsonAsync($"/api/v1/accounts/familiar_followers?id[]={dave.Id}"))[0].GetProperty("accounts").GetArrayLength());
    }

    [Fact]
    public async Task Familiar_followers_read_ids_from_a_json_body_too_as_Mastodon_py_sends_them()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var dave = await api.NewUserAsync("dave");
        await alice.FollowAsync(bob);
        await bob.FollowAsync(dave);

        // Mastodon.py 1.8: a GET with {"id": [<number>]} as its JSON body; Rails merges it into the parameters.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/familiar_followers")
        {
            Content = new StringContent($"{{\"id\": [{dave.Id}]}}", System.Text.Encoding.UTF8, "application/json"),
        };
        var familiar = await Json.ReadAsync(await alice.Client.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal([dave.Id], Json.Ids(familiar));
        Assert.Equal([bob.Id], Json.Ids(familiar[0].GetProperty("accounts")));
    }

    [Fact]
    public async Task Removing_a_follower_unfollows_the_user_on_its_behalf()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        await bob.FollowAsync(alice);
        var post = await alice.PostStatusAsync("for my followers", "private");
        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")).Contains(post.Str("id")), "the post in bob's home timeline");

        Assert.Single(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=follow")));

        // Only with a token that may change follows.
        using var readOnly = await api.NewUserAsync("reader", scopes: "read");
        await Json.ReadAsync(await readOnly.PostFormAsync($"/api/v1/accounts/{bob.Id}/remove_from_followers"), HttpStatusCode.Forbidden);

        var relationship = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/remove_from_followers"), HttpStatusCode.OK);

        Assert.Equal((bob.Id, false), (relationship.Str("id"), relationship.GetProperty("followed_by").GetBoolean()));
        Assert.False((await bob.GetJsonAsync($"/api/v1/accounts/relationships?id[]={alice.Id}"))[0].GetProperty("following").GetBoolean());
        Assert.Empty(Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/followers")));
        Assert.Equal(0, (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).GetProperty("followers_count").GetInt64());
        Assert.DoesNotContain(post.Str("id"), Json.Ids(await bob.GetJsonAsync("/api/v1/timelines/home")));
        Assert.Empty(Json.Ids(await alice.GetJsonAsync("/api/v1/notifications?types[]=follow"))); // gone with the follow

        // Again (nothing to remove), and for an unknown account.
        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/remove_from_followers"), HttpStatusCode.OK);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/accounts/424242/remove_from_followers"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Relationships_keep_order_and_leave_out_unknown_and_malformed_ids()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await alice.FollowAsync(carol);

        var relationships = await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={carol.Id}&id[]=424242&id[]={bob.Id}&id={carol.Id}");

        Assert.Equal([carol.Id, bob.Id], Json.Ids(relationships));
        Assert.True(relationships[0].GetProperty("following").GetBoolean());
        Assert.False(relationships[1].GetProperty("following").GetBoolean());
        var malformed = await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]=abc&id[]=99999999999999999999&id[]=-5&id[]={bob.Id}");
        Assert.Equal([bob.Id], Json.Ids(malformed));
        Assert.Equal(0, (await alice.GetJsonAsync("/api/v1/accounts/relationships")).GetArrayLength());
    }

    [Fact]
    public async Task Followers_and_following_page_newest_follow_first_with_link_headers()
    {
        using var alice = await api.NewUserAsync("alice");
        var followers = new List<ApiUser>();
        for (var i = 0; i < 3; i++)
        {
            var follower = await api.NewUserAsync("fan");
            await follower.FollowAsync(alice);
            followers.Insert(0, follower);
        }

        var first = await alice.Client.GetAsync($"/api/v1/accounts/{alice.Id}/followers?limit=2");
        Assert.Equal([followers[0].Id, followers[1].Id], Json.Ids(await Json.ReadAsync(first, HttpStatusCode.OK)));
        var next = LinkHeaders.Get(first, "next");
        Assert.StartsWith($"http://localhost/api/v1/accounts/{alice.Id}/followers?", next);
        Assert.Contains("limit=2", next);
        var last = await alice.Client.GetAsync(next);
        Assert.Equal([followers[2].Id], Json.Ids(await Json.ReadAsync(last, HttpStatusCode.OK)));
        Assert.Null(LinkHeaders.Find(last, "next")); // a short page is the last, as Mastodon's account lists
        Assert.NotNull(LinkHeaders.Find(last, "prev"));
        var following = await alice.GetJsonAsync($"/api/v1/accounts/{followers[1].Id}/following");
        Assert.Equal([alice.Id], Json.Ids(following));
        foreach (var follower in followers)
        {
            follower.Dispose();
        }
    }

    [Fact]
    public async Task Account_statuses_filter_replies_and_reblogs_and_page()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var other = (await bob.PostStatusAsync("bob's")).Str("id");
        var plain = (await alice.PostStatusAsync("plain #Tagged")).Str("id");
        var reply = (await alice.PostStatusAsync($"@{bob.Username} reply", inReplyToId: other)).Str("id");
        var reblog = (await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{other}/reblog"), HttpStatusCode.OK)).Str("id");
        var last = (await alice.PostStatusAsync("last")).Str("id");
        var path = $"/api/v1/accounts/{alice.Id}/statuses";

        await Eventually.WaitUntilAsync(async () => Json.Ids(await bob.GetJsonAsync(path)).Count == 4, "all four indexed");
        Assert.Equal([last, reblog, reply, plain], Json.Ids(await bob.GetJsonAsync(path)));
        Assert.Equal([last, reblog, plain], Json.Ids(await bob.GetJsonAsync(path + "?exclude_replies=true")));
        Assert.Equal([last, reply, plain], Json.Ids(await bob.GetJsonAsync(path + "?exclude_reblogs=true")));
        Assert.Equal([plain], Json.Ids(await bob.GetJsonAsync(path + "?tagged=tagged")));
        // Filtered before the limit, with the name as statuses store it; a name no status can carry matches none.
        Assert.Equal([plain], Json.Ids(await bob.GetJsonAsync(path + "?tagged=%23TAGGED&limit=1")));
        Assert.Empty(Json.Ids(await bob.GetJsonAsync(path + "?tagged=not%20a%20tag")));
        Assert.Empty(Json.Ids(await bob.GetJsonAsync(path + "?pinned=true")));
        Assert.Empty(Json.Ids(await bob.GetJsonAsync(path + "?only_media=true")));
        Assert.Equal([reblog, reply], Json.Ids(await bob.GetJsonAsync(path + $"?max_id={last}&limit=2")));
        Assert.Equal([last], Json.Ids(await bob.GetJsonAsync(path + $"?since_id={reblog}")));
        Assert.Equal([reply, plain], Json.Ids(await bob.GetJsonAsync(path + $"?min_id={other}&limit=2")));
        await Json.ReadAsync(await bob.Client.GetAsync(path + "?max_id=abc"), HttpStatusCode.BadRequest);
        await Json.ReadAsync(await bob.Client.GetAsync(path + "?exclude_replies=perhaps"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Several_accounts_come_in_the_order_asked_without_missing_ones()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        Assert.Equal([bob.Id, alice.Id], Json.Ids(await alice.GetJsonAsync($"/api/v1/accounts?id[]={bob.Id}&id[]=123456789&id[]={alice.Id}")));
        await Json.ReadAsync(await alice.Client.GetAsync("/api/v1/accounts?id[]=-1"), System.Net.HttpStatusCode.BadRequest);
        var many = string.Join("&", Enumerable.Range(1, 41).Select(i => $"id[]={i}"));
        await Json.ReadAsync(await alice.Client.GetAsync($"/api/v1/accounts?{many}"), System.Net.HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task A_private_note_on_an_account_shows_in_the_users_relationships_only()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");

        var set = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/note", ("comment", "met at the conference")), System.Net.HttpStatusCode.OK);
        Assert.Equal((bob.Id, "met at the conference"), (set.Str("id"), set.Str("note")));
        Assert.Equal("met at the conference", (await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={bob.Id}"))[0].Str("note"));
        Assert.Equal("", (await bob.GetJsonAsync($"/api/v1/accounts/relationships?id[]={alice.Id}"))[0].Str("note"));

        await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/note", ("comment", new string('x', 2001))), System.Net.HttpStatusCode.UnprocessableEntity);
        await Json.ReadAsync(await alice.PostFormAsync("/api/v1/accounts/123456789/note", ("comment", "nobody")), System.Net.HttpStatusCode.NotFound);
        Assert.Equal("met at the conference", (await alice.GetJsonAsync($"/api/v1/accounts/relationships?id[]={bob.Id}"))[0].Str("note"));

        var cleared = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/accounts/{bob.Id}/note"), System.Net.HttpStatusCode.OK);
        Assert.Equal("", cleared.Str("note"));
    }
}
