using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
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
