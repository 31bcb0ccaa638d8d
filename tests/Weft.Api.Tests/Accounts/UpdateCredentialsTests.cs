using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Accounts;

/// <summary>PATCH /api/v1/accounts/update_credentials: the profile edits Mastodon clients send.</summary>
public sealed class UpdateCredentialsTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_form_edit_changes_the_profile_everywhere_it_is_shown()
    {
        using var alice = await api.NewUserAsync("alice");
        var posted = (await alice.PostStatusAsync("before the edit")).Str("id");
        await alice.GetJsonAsync($"/api/v1/statuses/{posted}");

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(
            [new("display_name", "Alice ✓"), new("note", "Likes <b>cats</b>\nhttps://example.com"), new("bot", "true"), new("discoverable", "true")])),
            HttpStatusCode.OK);

        Assert.Equal("Alice ✓", updated.Str("display_name"));
        Assert.True(updated.GetProperty("bot").GetBoolean());
        Assert.Equal("Likes <b>cats</b>\nhttps://example.com", updated.GetProperty("source").Str("note"));
        Assert.DoesNotContain("<b>", updated.Str("note"));
        Assert.Contains("&lt;b&gt;cats&lt;/b&gt;", updated.Str("note"));
        var seen = await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}");
        Assert.Equal(("Alice ✓", true), (seen.Str("display_name"), seen.GetProperty("bot").GetBoolean()));
        Assert.Equal("Alice ✓", (await alice.GetJsonAsync($"/api/v1/statuses/{posted}")).GetProperty("account").Str("display_name"));
        Assert.Equal("Alice ✓", (await alice.GetJsonAsync("/api/v1/accounts/verify_credentials")).Str("display_name"));
    }

    [Fact]
    public async Task Discovery_settings_are_kept_and_hidden_collections_are_empty_to_everyone_but_the_owner()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        using var carol = await api.NewUserAsync("carol");
        await bob.FollowAsync(alice);
        await alice.FollowAsync(carol);

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(
            [new("discoverable", "true"), new("indexable", "1"), new("hide_collections", "true")])), HttpStatusCode.OK);

        Assert.Equal((true, true, true), (updated.GetProperty("discoverable").GetBoolean(), updated.GetProperty("indexable").GetBoolean(), updated.GetProperty("hide_collections").GetBoolean()));
        var source = updated.GetProperty("source");
        Assert.Equal((true, true, true), (source.GetProperty("discoverable").GetBoolean(), source.GetProperty("indexable").GetBoolean(), source.GetProperty("hide_collections").GetBoolean()));
        var seenByBob = await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}");
        Assert.Equal((true, true, true), (seenByBob.GetProperty("discoverable").GetBoolean(), seenByBob.GetProperty("indexable").GetBoolean(), seenByBob.GetProperty("hide_collections").GetBoolean()));
        Assert.Equal((1, 1), (seenByBob.GetProperty("followers_count").GetInt32(), seenByBob.GetProperty("following_count").GetInt32()));

        // Others, signed in or not, see both lists empty; alice sees hers.
        Assert.Empty((await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}/followers")).EnumerateArray());
        Assert.Empty((await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}/following")).EnumerateArray());
        Assert.Empty((await Json.ReadAsync(await api.Factory.CreateClient().GetAsync($"/api/v1/accounts/{alice.Id}/followers"), HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal([bob.Id], (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/followers")).EnumerateArray().Select(a => a.Str("id")));
        Assert.Equal([carol.Id], (await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}/following")).EnumerateArray().Select(a => a.Str("id")));

        // An edit that names none of them keeps them; naming one false changes only that one, and the lists show again.
        var renamed = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "Alice" })), HttpStatusCode.OK);
        Assert.True(renamed.GetProperty("hide_collections").GetBoolean());
        var shown = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { hide_collections = false })), HttpStatusCode.OK);
        Assert.Equal((true, true, false), (shown.GetProperty("discoverable").GetBoolean(), shown.GetProperty("indexable").GetBoolean(), shown.GetProperty("hide_collections").GetBoolean()));
        Assert.Equal([alice.Id], (await bob.GetJsonAsync($"/api/v1/accounts/{carol.Id}/followers")).EnumerateArray().Select(a => a.Str("id")));
        Assert.Equal([bob.Id], (await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}/followers")).EnumerateArray().Select(a => a.Str("id")));
    }

    [Fact]
    public async Task A_note_links_the_accounts_and_hashtags_it_names_as_a_status_does()
    {
        using var alice = await api.NewUserAsync("alice");
        using var bob = await api.NewUserAsync("bob");
        var note = $"Works with @{bob.Username} and @nobody_here on #Weft";

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { note })), HttpStatusCode.OK);

        var expected = $"<p>Works with <span class=\"h-card\" translate=\"no\"><a href=\"http://localhost/@{bob.Username}\" class=\"u-url mention\">@<span>{bob.Username}</span></a></span>" +
            " and @nobody_here on <a href=\"http://localhost/tags/weft\" class=\"mention hashtag\" rel=\"tag\">#<span>Weft</span></a></p>";
        Assert.Equal(expected, updated.Str("note"));
        Assert.Equal(note, updated.GetProperty("source").Str("note"));
        Assert.Equal(expected, (await bob.GetJsonAsync($"/api/v1/accounts/{alice.Id}")).Str("note"));

        // Another edit that leaves the note alone keeps its links.
        var renamed = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "Alice" })), HttpStatusCode.OK);
        Assert.Equal(expected, renamed.Str("note"));
    }

    [Fact]
    public async Task A_json_edit_changes_only_the_fields_it_names()
    {
        using var alice = await api.NewUserAsync("alice");
        await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { note = "first note", bot = true })), HttpStatusCode.OK);

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "" })), HttpStatusCode.OK);

        Assert.Equal("", updated.Str("display_name"));
        Assert.Equal("first note", updated.GetProperty("source").Str("note"));
        Assert.True(updated.GetProperty("bot").GetBoolean());
    }

    [Fact]
    public async Task Refused_edits_get_422_and_change_nothing()
    {
        using var alice = await api.NewUserAsync("alice");
        using var avatar = new MultipartFormDataContent
        {
            { new StringContent("Avatar Alice"), "display_name" },
            { new ByteArrayContent([0x89, 0x50, 0x4E, 0x47]) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "avatar", "me.png" },
        };

        var refusals = new[]
        {
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", avatar),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = new string('x', 31) })),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { note = new string('n', 501) })),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "Locked Alice", locked = true })),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent([new("display_name", "Maybe Alice"), new("discoverable", "maybe")])),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "Maybe Alice", indexable = "perhaps" })),
            await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "Maybe Alice", hide_collections = 5 })),
        };

        foreach (var refused in refusals)
        {
            Assert.StartsWith("Validation failed", (await Json.ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).Str("error"));
        }

        var unchanged = await alice.GetJsonAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(alice.Username, unchanged.Str("display_name"));
        Assert.Equal("", unchanged.GetProperty("source").Str("note"));
        Assert.False(unchanged.GetProperty("locked").GetBoolean());
        var thirty = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = new string('x', 30) })), HttpStatusCode.OK);
        Assert.Equal(new string('x', 30), thirty.Str("display_name"));
    }

    [Fact]
    public async Task Profile_fields_from_a_form_show_as_html_in_the_account_and_as_text_in_its_source()
    {
        using var alice = await api.NewUserAsync("alice");
        var posted = (await alice.PostStatusAsync("with fields")).Str("id");

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(
            [
                new("fields_attributes[1][name]", "<b>Pronouns</b>"), new("fields_attributes[1][value]", "they/them <i>"),
                new("fields_attributes[0][name]", "Site"), new("fields_attributes[0][value]", "https://example.com/alice"),
                new("fields_attributes[2][name]", " "), new("fields_attributes[2][value]", ""),
            ])),
            HttpStatusCode.OK);

        var fields = updated.GetProperty("fields");
        Assert.Equal(["Site", "<b>Pronouns</b>"], fields.EnumerateArray().Select(f => f.Str("name")));
        Assert.StartsWith("<a href=\"https://example.com/alice\"", fields[0].Str("value"), StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener me\"", fields[0].Str("value"), StringComparison.Ordinal);
        Assert.Equal("they/them &lt;i&gt;", fields[1].Str("value"));
        Assert.Equal(JsonValueKind.Null, fields[0].GetProperty("verified_at").ValueKind);
        var source = updated.GetProperty("source").GetProperty("fields");
        Assert.Equal([("Site", "https://example.com/alice"), ("<b>Pronouns</b>", "they/them <i>")], source.EnumerateArray().Select(f => (f.Str("name"), f.Str("value"))));
        var seen = await alice.GetJsonAsync($"/api/v1/accounts/{alice.Id}");
        Assert.Equal(["Site", "<b>Pronouns</b>"], seen.GetProperty("fields").EnumerateArray().Select(f => f.Str("name")));
        var inStatus = (await alice.GetJsonAsync($"/api/v1/statuses/{posted}")).GetProperty("account").GetProperty("fields");
        Assert.Equal(fields[0].Str("value"), inStatus[0].Str("value"));
    }

    [Fact]
    public async Task Profile_fields_sent_replace_all_of_them_as_a_json_array_by_index_or_as_a_form_array_and_an_empty_list_clears_them()
    {
        using var alice = await api.NewUserAsync("alice");
        var path = "/api/v1/accounts/update_credentials";

        var asArray = await Json.ReadAsync(await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { new { name = "a", value = "1" } } })), HttpStatusCode.OK);
        var byIndex = await Json.ReadAsync(await alice.Client.PatchAsync(path, new StringContent(
            """{"fields_attributes": {"0": {"name": "b", "value": "2"}, "1": {"name": "c", "value": 3}}}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        var untouched = await Json.ReadAsync(await alice.Client.PatchAsync(path, JsonContent.Create(new { note = "fields stay" })), HttpStatusCode.OK);
        // A JSON null is no value, as Rails' permit drops it: the fields stay, and so does a null source.
        var nulls = await Json.ReadAsync(await alice.Client.PatchAsync(path, new StringContent(
            """{"fields_attributes": null, "source": null, "bot": true}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.OK);
        var asFormArray = await Json.ReadAsync(await alice.Client.PatchAsync(path, new FormUrlEncodedContent(
            [new("fields_attributes[][name]", "d"), new("fields_attributes[][value]", "4"), new("fields_attributes[][name]", "e"), new("fields_attributes[][value]", "5")])),
            HttpStatusCode.OK);
        var cleared = await Json.ReadAsync(await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = Array.Empty<object>() })), HttpStatusCode.OK);

        Assert.Equal(["a"], asArray.GetProperty("fields").EnumerateArray().Select(f => f.Str("name")));
        Assert.Equal([("b", "2"), ("c", "3")], byIndex.GetProperty("source").GetProperty("fields").EnumerateArray().Select(f => (f.Str("name"), f.Str("value"))));
        Assert.Equal(["b", "c"], untouched.GetProperty("fields").EnumerateArray().Select(f => f.Str("name")));
        Assert.Equal(["b", "c"], nulls.GetProperty("fields").EnumerateArray().Select(f => f.Str("name")));
        Assert.True(nulls.GetProperty("bot").GetBoolean());
        Assert.Equal([("d", "4"), ("e", "5")], asFormArray.GetProperty("source").GetProperty("fields").EnumerateArray().Select(f => (f.Str("name"), f.Str("value"))));
        Assert.Equal(0, cleared.GetProperty("fields").GetArrayLength());
        Assert.Equal(0, cleared.GetProperty("source").GetProperty("fields").GetArrayLength());
    }

    [Fact]
    public async Task Too_many_too_long_or_malformed_profile_fields_get_422_and_change_nothing()
    {
        using var alice = await api.NewUserAsync("alice");
        var path = "/api/v1/accounts/update_credentials";
        await Json.ReadAsync(await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { new { name = "kept", value = "yes" } } })), HttpStatusCode.OK);

        var refusals = new[]
        {
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = Enumerable.Range(0, 5).Select(i => new { name = $"n{i}", value = "v" }) })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { new { name = new string('n', 256), value = "v" } } })),
            await alice.Client.PatchAsync(path, new FormUrlEncodedContent([new("fields_attributes[0][name]", "a"), new("fields_attributes[0][value]", new string('v', 256))])),
            await alice.Client.PatchAsync(path, new FormUrlEncodedContent([new("fields_attributes[x][name]", "a")])),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = "a" })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { "a" } })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { new { name = new[] { "a" } } } })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { fields_attributes = new[] { new { name = "  ", value = "a value without a label" } } })),
        };

        foreach (var refused in refusals)
        {
            Assert.StartsWith("Validation failed", (await Json.ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).Str("error"));
        }

        var unchanged = await alice.GetJsonAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal([("kept", "yes")], unchanged.GetProperty("source").GetProperty("fields").EnumerateArray().Select(f => (f.Str("name"), f.Str("value"))));
        var four = await Json.ReadAsync(await alice.Client.PatchAsync(path, JsonContent.Create(new
        {
            fields_attributes = Enumerable.Range(0, 4).Select(i => new { name = new string('n', 255), value = $" {string.Concat(Enumerable.Repeat("😀", 254))}{i} " }),
        })), HttpStatusCode.OK);

        // Each part is trimmed before it is measured, in characters (an emoji is one).
        Assert.Equal(4, four.GetProperty("fields").GetArrayLength());
        Assert.Equal(string.Concat(Enumerable.Repeat("😀", 254)) + "3", four.GetProperty("source").GetProperty("fields")[3].Str("value"));
    }

    [Fact]
    public async Task Posting_defaults_from_the_source_apply_to_statuses_that_leave_them_out_and_show_in_preferences()
    {
        using var alice = await api.NewUserAsync("alice");

        var updated = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(
            [new("source[privacy]", "private"), new("source[sensitive]", "true"), new("source[language]", "DE")])),
            HttpStatusCode.OK);

        var source = updated.GetProperty("source");
        Assert.Equal(("private", true, "de"), (source.Str("privacy"), source.GetProperty("sensitive").GetBoolean(), source.Str("language")));
        var preferences = await alice.GetJsonAsync("/api/v1/preferences");
        Assert.Equal("private", preferences.Str("posting:default:visibility"));
        Assert.True(preferences.GetProperty("posting:default:sensitive").GetBoolean());
        Assert.Equal("de", preferences.Str("posting:default:language"));

        var defaulted = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses", ("status", "left to the defaults")), HttpStatusCode.OK);
        Assert.Equal(("private", true, "de"), (defaulted.Str("visibility"), defaulted.GetProperty("sensitive").GetBoolean(), defaulted.Str("language")));
        var chosen = await Json.ReadAsync(await alice.PostFormAsync("/api/v1/statuses",
            ("status", "chosen"), ("visibility", "public"), ("sensitive", "false"), ("language", "en")), HttpStatusCode.OK);
        Assert.Equal(("public", false, "en"), (chosen.Str("visibility"), chosen.GetProperty("sensitive").GetBoolean(), chosen.Str("language")));

        // JSON changes only what it names; an empty language clears it.
        var partly = await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials",
            JsonContent.Create(new { source = new { privacy = "unlisted", language = "" } })), HttpStatusCode.OK);
        Assert.Equal("unlisted", partly.GetProperty("source").Str("privacy"));
        Assert.True(partly.GetProperty("source").GetProperty("sensitive").GetBoolean());
        Assert.Equal(JsonValueKind.Null, partly.GetProperty("source").GetProperty("language").ValueKind);
        Assert.Equal("unlisted", (await alice.GetJsonAsync("/api/v1/accounts/verify_credentials")).GetProperty("source").Str("privacy"));
        Assert.Equal("unlisted", (await alice.PostStatusAsync("unlisted by default", visibility: "")).Str("visibility"));
        using var bob = await api.NewUserAsync("bob");
        var bobs = (await bob.PostStatusAsync("reblog me")).Str("id");
        var reblog = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{bobs}/reblog"), HttpStatusCode.OK);
        Assert.Equal("unlisted", reblog.Str("visibility"));

        // A default never widens a private status: reblogging one's own keeps it private (Mastodon's ReblogService).
        await Json.ReadAsync(await alice.Client.PatchAsync("/api/v1/accounts/update_credentials",
            JsonContent.Create(new { source = new { privacy = "public" } })), HttpStatusCode.OK);
        var own = (await alice.PostStatusAsync("for followers", visibility: "private")).Str("id");
        var selfReblog = await Json.ReadAsync(await alice.PostFormAsync($"/api/v1/statuses/{own}/reblog"), HttpStatusCode.OK);
        Assert.Equal("private", selfReblog.Str("visibility"));
    }

    [Fact]
    public async Task A_direct_or_unknown_default_privacy_or_a_malformed_default_language_gets_422_and_changes_nothing()
    {
        using var alice = await api.NewUserAsync("alice");
        var path = "/api/v1/accounts/update_credentials";

        var refusals = new[]
        {
            await alice.Client.PatchAsync(path, new FormUrlEncodedContent([new("source[privacy]", "direct"), new("display_name", "Changed")])),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { source = new { privacy = "everyone" } })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { source = new { language = "not a language" } })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { source = new { sensitive = "perhaps" } })),
            await alice.Client.PatchAsync(path, JsonContent.Create(new { source = "private" })),
        };

        foreach (var refused in refusals)
        {
            Assert.StartsWith("Validation failed", (await Json.ReadAsync(refused, HttpStatusCode.UnprocessableEntity)).Str("error"));
        }

        var unchanged = await alice.GetJsonAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(alice.Username, unchanged.Str("display_name"));
        Assert.Equal(("public", false), (unchanged.GetProperty("source").Str("privacy"), unchanged.GetProperty("source").GetProperty("sensitive").GetBoolean()));
        Assert.Equal("public", (await alice.PostStatusAsync("still public", visibility: "")).Str("visibility"));
    }

    [Fact]
    public async Task Editing_needs_a_user_token_with_write_scope()
    {
        using var alice = await api.NewUserAsync("alice");
        var readOnly = await ApiUser.IssueTokenAsync(api.Factory.Services.GetRequiredService<IGrainFactory>(), alice.AccountId, "read");
        using var anonymous = api.Factory.CreateClient();
        using var reader = api.Factory.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", readOnly);

        var noToken = await anonymous.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "x" }));
        var wrongScope = await reader.PatchAsync("/api/v1/accounts/update_credentials", JsonContent.Create(new { display_name = "x" }));

        await Json.ReadAsync(noToken, HttpStatusCode.Unauthorized);
        await Json.ReadAsync(wrongScope, HttpStatusCode.Forbidden);
        Assert.Equal(alice.Username, (await alice.GetJsonAsync("/api/v1/accounts/verify_credentials")).Str("display_name"));
    }
}
