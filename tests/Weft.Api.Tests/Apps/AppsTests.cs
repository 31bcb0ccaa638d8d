using System.Net;
using System.Text;
using Weft.Api.Tests.OAuth;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Apps;

public sealed class AppsTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Registering_an_app_answers_its_credentials_in_mastodons_shape()
    {
        var response = await _client.PostAsync("/api/v1/apps", Form(
            ("client_name", "Toot client"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            ("scopes", "read write push"), ("website", "https://toot.example/")));

        var app = await JsonAsync(response, HttpStatusCode.OK);
        Assert.True(long.TryParse(app.GetProperty("id").GetString(), out _));
        Assert.Equal("Toot client", app.GetProperty("name").GetString());
        Assert.Equal("https://toot.example/", app.GetProperty("website").GetString());
        Assert.Equal(["read", "write", "push"], app.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("urn:ietf:wg:oauth:2.0:oob", app.GetProperty("redirect_uri").GetString());
        Assert.Equal(["urn:ietf:wg:oauth:2.0:oob"], app.GetProperty("redirect_uris").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(43, app.GetProperty("client_id").GetString()!.Length);
        Assert.Equal(43, app.GetProperty("client_secret").GetString()!.Length);
        Assert.NotEqual(app.GetProperty("client_id").GetString(), app.GetProperty("client_secret").GetString());
        Assert.Equal(0, app.GetProperty("client_secret_expires_at").GetInt64());
    }

    [Fact]
    public async Task Defaults_are_read_scope_and_no_website_and_json_arrays_of_redirect_uris_work()
    {
        var response = await _client.PostAsync("/api/v1/apps", new StringContent(
            """{"client_name":"Json client","redirect_uris":["https://a.example/cb","myapp://oauth"]}""", Encoding.UTF8, "application/json"));

        var app = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(["read"], app.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, app.GetProperty("website").ValueKind);
        Assert.Equal("https://a.example/cb\nmyapp://oauth", app.GetProperty("redirect_uri").GetString());
        Assert.Equal(["https://a.example/cb", "myapp://oauth"], app.GetProperty("redirect_uris").EnumerateArray().Select(s => s.GetString()));
    }

    [Theory]
    [InlineData("", "urn:ietf:wg:oauth:2.0:oob", "read", "Validation failed: Application name can't be blank")]
    [InlineData("App", "", "read", "Validation failed: Redirect URI can't be blank")]
    [InlineData("App", "/relative/path", "read", "Validation failed: Redirect URI must be an absolute URI.")]
    [InlineData("App", "not a uri", "read", "Validation failed: Redirect URI must be an absolute URI.")]
    [InlineData("App", "https://a.example/cb#fragment", "read", "Validation failed: Redirect URI must be an absolute URI.")]
    [InlineData("App", "javascript:alert(1)", "read", "Validation failed: Redirect URI must be an absolute URI.")]
    [InlineData("App", "urn:ietf:wg:oauth:2.0:oob", "read admin:everything", "Validation failed: Scopes must be among the scopes this server knows")]
    public async Task Invalid_app_registrations_are_422(string name, string redirectUris, string scopes, string error)
    {
        var response = await _client.PostAsync("/api/v1/apps", Form(
            ("client_name", name), ("redirect_uris", redirectUris), ("scopes", scopes)));

        var body = await JsonAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(error, body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Overlong_name_and_bad_website_are_422()
    {
        var longName = await _client.PostAsync("/api/v1/apps", Form(
            ("client_name", new string('a', 61)), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob")));
        var badWebsite = await _client.PostAsync("/api/v1/apps", Form(
            ("client_name", "App"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"), ("website", "javascript:alert(1)")));

        await JsonAsync(longName, HttpStatusCode.UnprocessableEntity);
        await JsonAsync(badWebsite, HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Verify_credentials_without_a_token_is_401()
    {
        var body = await JsonAsync(await _client.GetAsync("/api/v1/apps/verify_credentials"), HttpStatusCode.Unauthorized);

        Assert.Equal("The access token is invalid", body.GetProperty("error").GetString());
    }
}
