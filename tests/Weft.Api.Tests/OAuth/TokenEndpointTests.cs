using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.OAuth;

public sealed class TokenEndpointTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Fact]
    public async Task Password_grant_by_username_gives_a_user_token_with_the_requested_scopes()
    {
        await TestAccounts.RegisterAsync(_client, "Pat");
        var app = await TestAccounts.CreateAppAsync(_client);

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
            ("username", "pat"), ("password", TestAccounts.Password), ("scope", "read write")));

        var token = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Equal("read write", token.GetProperty("scope").GetString());
        Assert.Equal(43, token.GetProperty("access_token").GetString()!.Length);
        Assert.InRange(token.GetProperty("created_at").GetInt64(),
            DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        await AssertUserTokenAsync(token.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task Password_grant_by_email_ignores_the_case_of_the_address()
    {
        await TestAccounts.RegisterAsync(_client, "mailer");
        var app = await TestAccounts.CreateAppAsync(_client);

        var token = await TestAccounts.PasswordTokenAsync(_client, app, "MAILER@Example.Test");

        await AssertUserTokenAsync(token);
    }

    [Fact]
    public async Task Password_grant_with_a_wrong_password_is_invalid_grant()
    {
        await TestAccounts.RegisterAsync(_client, "guarded");
        var app = await TestAccounts.CreateAppAsync(_client);

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
            ("username", "guarded"), ("password", "not the password")));

        await OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData("nobody_here")]
    [InlineData("nobody@example.test")]
    [InlineData("not a login at all")]
    public async Task Password_grant_for_an_unknown_login_is_invalid_grant(string login)
    {
        var app = await TestAccounts.CreateAppAsync(_client);

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
            ("username", login), ("password", TestAccounts.Password)));

        await OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Client_credentials_gives_an_app_token_that_verifies_the_app()
    {
        var app = await TestAccounts.CreateAppAsync(_client, scopes: "read write");

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret)));

        var token = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("read", token.GetProperty("scope").GetString());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/apps/verify_credentials");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var verified = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal("Weft tests", verified.GetProperty("name").GetString());
        Assert.False(verified.TryGetProperty("client_secret", out _));
    }

    [Fact]
    public async Task Client_secret_in_a_basic_header_authenticates_the_client()
    {
        var app = await TestAccounts.CreateAppAsync(_client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = Form(("grant_type", "client_credentials")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{app.ClientId}:{app.ClientSecret}")));

        var token = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.OK);

        Assert.Equal("read", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Token_request_as_json_works_like_a_form()
    {
        var app = await TestAccounts.CreateAppAsync(_client);

        var response = await _client.PostAsync("/oauth/token", new StringContent(
            $$"""{"grant_type":"client_credentials","client_id":"{{app.ClientId}}","client_secret":"{{app.ClientSecret}}","scope":"write"}""",
            Encoding.UTF8, "application/json"));

        var token = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("write", token.GetProperty("scope").GetString());
    }

    [Theory]
    [InlineData("wrong-secret", HttpStatusCode.Unauthorized, "invalid_client")]
    [InlineData(null, HttpStatusCode.Unauthorized, "invalid_client")]
    public async Task Wrong_or_missing_client_secret_is_invalid_client(string? secret, HttpStatusCode status, string error)
    {
        var app = await TestAccounts.CreateAppAsync(_client);
        var fields = new List<(string, string)> { ("grant_type", "client_credentials"), ("client_id", app.ClientId) };
        if (secret is not null)
        {
            fields.Add(("client_secret", secret));
        }

        var response = await _client.PostAsync("/oauth/token", Form([.. fields]));

        await OAuthErrorAsync(response, status, error);
    }

    [Fact]
    public async Task Unknown_client_id_is_invalid_client()
    {
        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", "no-such-client"), ("client_secret", "x")));

        await OAuthErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Theory]
    [InlineData("refresh_token", "unsupported_grant_type")]
    [InlineData("", "invalid_request")]
    public async Task Unsupported_or_missing_grant_type_is_refused(string grantType, string error)
    {
        var app = await TestAccounts.CreateAppAsync(_client);

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", grantType), ("client_id", app.ClientId), ("client_secret", app.ClientSecret)));

        await OAuthErrorAsync(response, HttpStatusCode.BadRequest, error);
    }

    [Theory]
    [InlineData("/oauth/token", "application/json", "{\"grant_type\": [\"client_credentials\"]}")]
    [InlineData("/oauth/token", "application/json", "{\"grant_type\": ")]
    [InlineData("/oauth/token", "application/x-www-form-urlencoded", "grant_type=client_credentials&scope=%FF")]
    [InlineData("/oauth/revoke", "application/json", "{\"client_id\": [\"x\"], \"token\": \"t\"}")]
    public async Task A_malformed_body_or_a_parameter_of_the_wrong_type_is_invalid_request(string path, string contentType, string body)
    {
        var response = await _client.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

        await OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Theory]
    [InlineData("admin:read")]
    [InlineData("follow")]
    [InlineData("read write:statuses")]
    public async Task Scopes_beyond_the_app_or_unknown_are_invalid_scope(string scope)
    {
        var app = await TestAccounts.CreateAppAsync(_client, scopes: "read");

        var response = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("scope", scope)));

        await OAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope");
    }

    [Fact]
    public async Task A_sub_scope_of_an_app_scope_may_be_requested()
    {
        var app = await TestAccounts.CreateAppAsync(_client, scopes: "read write");

        var token = await JsonAsync(await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "client_credentials"), ("client_id", app.ClientId), ("client_secret", app.ClientSecret),
            ("scope", "read:statuses write:accounts"))), HttpStatusCode.OK);

        Assert.Equal("read:statuses write:accounts", token.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Revoked_token_is_refused_with_401()
    {
        await TestAccounts.RegisterAsync(_client, "revoker");
        var app = await TestAccounts.CreateAppAsync(_client);
        var token = await TestAccounts.PasswordTokenAsync(_client, app, "revoker");
        await AssertUserTokenAsync(token);

        var revoke = await _client.PostAsync("/oauth/revoke", Form(
            ("client_id", app.ClientId), ("client_secret", app.ClientSecret), ("token", token)));

        var body = await JsonAsync(revoke, HttpStatusCode.OK);
        Assert.Empty(body.EnumerateObject());
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/preferences");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var refused = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is invalid", refused.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Another_client_cannot_revoke_a_token_and_is_told_so_and_an_unknown_token_is_no_error()
    {
        await TestAccounts.RegisterAsync(_client, "kept");
        var owner = await TestAccounts.CreateAppAsync(_client);
        var other = await TestAccounts.CreateAppAsync(_client);
        var token = await TestAccounts.PasswordTokenAsync(_client, owner, "kept");

        var revoke = await _client.PostAsync("/oauth/revoke", Form(
            ("client_id", other.ClientId), ("client_secret", other.ClientSecret), ("token", token)));
        var unknown = await _client.PostAsync("/oauth/revoke", Form(
            ("client_id", other.ClientId), ("client_secret", other.ClientSecret), ("token", "no-such-token")));

        Assert.Equal("unauthorized_client", (await JsonAsync(revoke, HttpStatusCode.Forbidden)).GetProperty("error").GetString());
        Assert.Empty((await JsonAsync(unknown, HttpStatusCode.OK)).EnumerateObject());
        await AssertUserTokenAsync(token);
    }

    [Fact]
    public async Task Read_only_token_gets_403_on_a_write_endpoint()
    {
        var app = await TestAccounts.CreateAppAsync(_client);
        var readOnly = await TestAccounts.ClientCredentialsTokenAsync(_client, app, "read");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts")
        {
            Content = Form(("username", "blocked"), ("email", "blocked@example.test"), ("password", TestAccounts.Password), ("agreement", "true")),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", readOnly);

        var response = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.Forbidden);

        Assert.Equal("This action is outside the authorized scopes", response.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Server_metadata_has_absolute_endpoints_and_s256()
    {
        var metadata = await JsonAsync(await _client.GetAsync("/.well-known/oauth-authorization-server"), HttpStatusCode.OK);

        var baseUrl = _client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        Assert.Equal(baseUrl + "/", metadata.GetProperty("issuer").GetString());
        Assert.Equal(baseUrl + "/oauth/authorize", metadata.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(baseUrl + "/oauth/token", metadata.GetProperty("token_endpoint").GetString());
        Assert.Equal(baseUrl + "/oauth/revoke", metadata.GetProperty("revocation_endpoint").GetString());
        Assert.Equal(baseUrl + "/api/v1/apps", metadata.GetProperty("app_registration_endpoint").GetString());
        Assert.Equal(["code"], Strings(metadata, "response_types_supported"));
        Assert.Equal(["S256"], Strings(metadata, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "password", "client_credentials"], Strings(metadata, "grant_types_supported"));
        Assert.Contains("write:accounts", Strings(metadata, "scopes_supported"));
        Assert.Contains("client_secret_post", Strings(metadata, "token_endpoint_auth_methods_supported"));
    }

    private static string[] Strings(System.Text.Json.JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(item => item.GetString()!)];

    private async Task AssertUserTokenAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/preferences");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var preferences = await JsonAsync(await _client.SendAsync(request), HttpStatusCode.OK);
        Assert.Equal("public", preferences.GetProperty("posting:default:visibility").GetString());
    }
}
