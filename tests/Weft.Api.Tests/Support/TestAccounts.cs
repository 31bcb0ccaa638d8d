using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Weft.Api.Tests.Support;

/// <summary>
/// Signs up accounts through the public API as a Mastodon client does: register an app, take a client_credentials
/// token, POST /api/v1/accounts. Each call checks the answers, so a broken step fails the test that needed it.
/// </summary>
public static class TestAccounts
{
    /// <summary>The password every test account gets.</summary>
    public const string Password = "correct horse battery staple";

    /// <summary>The scopes test apps register for and test users get.</summary>
    public const string AllScopes = "read write follow";

    /// <summary>The e-mail address <see cref="RegisterAsync"/> gives <paramref name="username"/>.</summary>
    public static string EmailOf(string username) => $"{username.ToLowerInvariant()}@example.test";

    /// <summary>Registers <paramref name="username"/> and returns its user access token (scopes "read write follow").</summary>
    public static async Task<string> RegisterAsync(HttpClient client, string username)
    {
        var app = await CreateAppAsync(client);
        var appToken = await ClientCredentialsTokenAsync(client, app, AllScopes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["username"] = username,
                ["email"] = EmailOf(username),
                ["password"] = Password,
                ["agreement"] = true,
                ["locale"] = "en",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appToken);
        using var response = await client.SendAsync(request);
        return await ReadTokenAsync(response, $"registering {username}");
    }

    /// <summary>Registers accounts in turn; returns their tokens in the same order.</summary>
    public static async Task<IReadOnlyList<string>> RegisterManyAsync(HttpClient client, params string[] usernames)
    {
        var tokens = new List<string>();
        foreach (var username in usernames)
        {
            tokens.Add(await RegisterAsync(client, username));
        }

        return tokens;
    }

    /// <summary>An HTTP client sending <paramref name="token"/> as its bearer token.</summary>
    public static void Authorize(HttpClient client, string token) =>
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

    /// <summary>Registers an OAuth app (POST /api/v1/apps).</summary>
    public static async Task<TestApp> CreateAppAsync(
        HttpClient client, string scopes = AllScopes, string redirectUri = "urn:ietf:wg:oauth:2.0:oob")
    {
        using var response = await client.PostAsJsonAsync("/api/v1/apps", new Dictionary<string, object>
        {
            ["client_name"] = "Weft tests",
            ["redirect_uris"] = redirectUri,
            ["scopes"] = scopes,
        });
        var body = await ReadJsonAsync(response, "registering an app");
        return new TestApp(
            body.GetProperty("client_id").GetString()!,
            body.GetProperty("client_secret").GetString()!,
            redirectUri);
    }

    /// <summary>An app-only token (grant_type client_credentials).</summary>
    public static async Task<string> ClientCredentialsTokenAsync(HttpClient client, TestApp app, string scopes = AllScopes)
    {
        using var response = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["scope"] = scopes,
        }));
        return await ReadTokenAsync(response, "a client_credentials token");
    }

    /// <summary>A user token by password (grant_type password); <paramref name="login"/> is a username or e-mail address.</summary>
    public static async Task<string> PasswordTokenAsync(
        HttpClient client, TestApp app, string login, string password = Password, string scopes = AllScopes)
    {
        using var response = await client.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = app.ClientId,
            ["client_secret"] = app.ClientSecret,
            ["username"] = login,
            ["password"] = password,
            ["scope"] = scopes,
        }));
        return await ReadTokenAsync(response, $"a password token for {login}");
    }

    private static async Task<string> ReadTokenAsync(HttpResponseMessage response, string what)
    {
        var body = await ReadJsonAsync(response, what);
        return body.GetProperty("access_token").GetString()!;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {text}");
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
