using System.Net;
using System.Text.Json;
using Weft.Api.Tests.OAuth;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Instance;

public sealed class InstanceTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task The_front_door_answers_with_the_instance_document_to_get_and_head()
    {
        var root = await JsonAsync(await _client.GetAsync("/"), HttpStatusCode.OK);
        using var head = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));

        Assert.Equal("Weft", root.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, head.StatusCode); // Mastodon.py's get_approx_server_time reads its Date (Kestrel's)
    }

    [Fact]
    public async Task V2_instance_has_mastodons_shape_with_absolute_urls()
    {
        var instance = await JsonAsync(await _client.GetAsync("/api/v2/instance"), HttpStatusCode.OK);

        var authority = _client.BaseAddress!.Authority;
        Assert.Equal(authority, instance.GetProperty("domain").GetString());
        Assert.Equal("Weft", instance.GetProperty("title").GetString());
        Assert.StartsWith("4.3.0 (compatible; Weft", instance.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("https://", instance.GetProperty("source_url").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, instance.GetProperty("usage").GetProperty("users").GetProperty("active_month").GetInt32());
        Assert.Equal($"http://{authority}/instance/thumbnail.png", instance.GetProperty("thumbnail").GetProperty("url").GetString());
        Assert.Equal(["en"], instance.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        var configuration = instance.GetProperty("configuration");
        Assert.Equal($"ws://{authority}", configuration.GetProperty("urls").GetProperty("streaming").GetString());
        Assert.Equal(500, configuration.GetProperty("statuses").GetProperty("max_characters").GetInt32());
        // No uploads or polls yet: none announced, so clients do not offer them.
        Assert.Equal(0, configuration.GetProperty("statuses").GetProperty("max_media_attachments").GetInt32());
        Assert.Equal(23, configuration.GetProperty("statuses").GetProperty("characters_reserved_per_url").GetInt32());
        Assert.True(configuration.GetProperty("accounts").GetProperty("max_featured_tags").GetInt32() > 0);
        Assert.True(configuration.GetProperty("accounts").GetProperty("max_pinned_statuses").GetInt32() > 0);
        var accounts = configuration.GetProperty("accounts");
        Assert.Equal((30, 500, 4, 255, 255), (accounts.GetProperty("max_display_name_chars").GetInt32(), accounts.GetProperty("max_note_length").GetInt32(),
            accounts.GetProperty("max_profile_fields").GetInt32(), accounts.GetProperty("profile_field_name_limit").GetInt32(),
            accounts.GetProperty("profile_field_value_limit").GetInt32()));
        Assert.Equal(0, configuration.GetProperty("media_attachments").GetProperty("supported_mime_types").GetArrayLength());
        Assert.Equal(0, configuration.GetProperty("polls").GetProperty("max_options").GetInt32());
        Assert.False(configuration.GetProperty("translation").GetProperty("enabled").GetBoolean());
        var registrations = instance.GetProperty("registrations");
        Assert.True(registrations.GetProperty("enabled").GetBoolean());
        Assert.False(registrations.GetProperty("approval_required").GetBoolean());
        Assert.Equal(JsonValueKind.Null, registrations.GetProperty("message").ValueKind);
        Assert.Equal(JsonValueKind.String, instance.GetProperty("contact").GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("contact").GetProperty("account").ValueKind);
        Assert.Equal(0, instance.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task V1_instance_has_mastodons_shape()
    {
        var instance = await JsonAsync(await _client.GetAsync("/api/v1/instance"), HttpStatusCode.OK);

        var authority = _client.BaseAddress!.Authority;
        Assert.Equal(authority, instance.GetProperty("uri").GetString());
        Assert.Equal("Weft", instance.GetProperty("title").GetString());
        Assert.Equal($"ws://{authority}", instance.GetProperty("urls").GetProperty("streaming_api").GetString());
        Assert.Equal($"http://{authority}/instance/thumbnail.png", instance.GetProperty("thumbnail").GetString());
        Assert.True(instance.GetProperty("registrations").GetBoolean());
        Assert.False(instance.GetProperty("approval_required").GetBoolean());
        Assert.Equal(JsonValueKind.Number, instance.GetProperty("stats").GetProperty("user_count").ValueKind);
        Assert.Equal(500, instance.GetProperty("configuration").GetProperty("statuses").GetProperty("max_characters").GetInt32());
        Assert.Equal(JsonValueKind.Null, instance.GetProperty("contact_account").ValueKind);
    }

    [Fact]
    public async Task Instance_title_and_contact_come_from_configuration()
    {
        using var configured = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:Instance:Title"] = "My Weft",
            ["Weft:Instance:ContactEmail"] = "admin@weft.test",
        });
        using var client = configured.CreateClient();

        var instance = await JsonAsync(await client.GetAsync("/api/v2/instance"), HttpStatusCode.OK);

        Assert.Equal("My Weft", instance.GetProperty("title").GetString());
        Assert.Equal("admin@weft.test", instance.GetProperty("contact").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Thumbnail_is_a_png()
    {
        var response = await _client.GetAsync("/instance/thumbnail.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await response.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Languages_are_the_iso_639_1_codes_with_english_names_and_public()
    {
        var languages = await JsonAsync(await _client.GetAsync("/api/v1/instance/languages"), HttpStatusCode.OK);

        var codes = languages.EnumerateArray().Select(language => language.GetProperty("code").GetString()!).ToList();
        Assert.Equal(184, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.All(codes, code => Assert.Matches("^[a-z]{2}$", code));
        Assert.Contains(languages.EnumerateArray(), language => language.GetProperty("code").GetString() == "de" && language.GetProperty("name").GetString() == "German");
    }

    [Theory]
    [InlineData("/api/v1/instance/peers")]
    [InlineData("/api/v1/instance/activity")]
    [InlineData("/api/v1/instance/rules")]
    public async Task Instance_lists_are_empty_and_public(string path)
    {
        var list = await JsonAsync(await _client.GetAsync(path), HttpStatusCode.OK);

        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_document_lists_the_endpoints()
    {
        var document = await JsonAsync(await _client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);

        Assert.Equal("Weft API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/oauth/token", paths);
        Assert.Contains("/api/v1/apps", paths);
        Assert.Contains("/api/v1/accounts", paths);
        Assert.Contains("/api/v2/instance", paths);
        Assert.Contains("/api/v1/preferences", paths);
        Assert.DoesNotContain("/oauth/authorize", paths);

        // Other document names are an ordinary JSON 404, not ASP.NET's plain text echoing the name.
        var unknown = await JsonAsync(await _client.GetAsync("/openapi/%3Cscript%3E.json"), HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrEmpty(unknown.GetProperty("error").GetString()));
    }
}
