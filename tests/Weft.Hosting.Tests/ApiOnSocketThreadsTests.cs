using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Weft.Hosting.Tests.Support;
using Weft.Testing;
using Weft.Testing.Xunit;

namespace Weft.Hosting.Tests;

/// <summary>
/// <c>dotnet Weft.Api.dll</c> started with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> on PostgreSQL: it says
/// that requests run on the socket threads, and sign-up, password logins (the hashing a socket thread must not do),
/// follows, posting and the home timeline all work on real sockets, as in the README's walkthrough. On SQLite it also
/// warns that each database call holds a socket thread.
/// </summary>
public sealed partial class ApiOnSocketThreadsTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Requests_on_the_socket_threads_sign_up_log_in_post_and_read_the_home_timeline()
    {
        await using var api = SiloProcess.Start(
            new Dictionary<string, string>
            {
                ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
                ["Weft__Database__Provider"] = "PostgreSql",
                ["Weft__Database__ConnectionString"] = database.ConnectionString,
            },
            "Weft.Api.dll",
            "--urls",
            "http://127.0.0.1:0");
        await api.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));
        Assert.Contains("Requests run on the socket threads (DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1)", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("is SQLite", api.Output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(ListeningUrl().Match(api.Output).Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };

        var app = await SendAsync(http, HttpMethod.Post, "/api/v1/apps", null,
            ("client_name", "socket threads"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"), ("scopes", "read write follow"));
        var (clientId, clientSecret) = (app.GetProperty("client_id").GetString()!, app.GetProperty("client_secret").GetString()!);
        var appToken = (await SendAsync(http, HttpMethod.Post, "/oauth/token", null,
            ("grant_type", "client_credentials"), ("client_id", clientId), ("client_secret", clientSecret), ("scope", "read write follow")))
            .GetProperty("access_token").GetString();

        // Several sign-ups and logins at once: each hashes a password for tens of milliseconds.
        string[] usernames = ["alice", "bob", "carol", "dave"];
        await Task.WhenAll(usernames.Select(username => SendAsync(http, HttpMethod.Post, "/api/v1/accounts", appToken,
            ("username", username), ("email", $"{username}@example.test"), ("password", Password), ("agreement", "true"), ("locale", "en"))));
        var tokens = await Task.WhenAll(usernames.Select(async username => (await SendAsync(http, HttpMethod.Post, "/oauth/token", null,
            ("grant_type", "password"), ("client_id", clientId), ("client_secret", clientSecret), ("username", $"{username}@example.test"),
            ("password", Password), ("scope", "read write follow"))).GetProperty("access_token").GetString()!));
        var (alice, bob) = (tokens[0], tokens[1]);

        // A wrong password and an unknown login are refused alike.
        foreach (var login in (string[])["alice@example.test", "nobody@example.test"])
        {
            using var refused = await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password", ["client_id"] = clientId, ["client_secret"] = clientSecret,
                ["username"] = login, ["password"] = "not the password", ["scope"] = "read",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var aliceId = (await SendAsync(http, HttpMethod.Get, "/api/v1/accounts/verify_credentials", alice)).GetProperty("id").GetString();
        await SendAsync(http, HttpMethod.Post, $"/api/v1/accounts/{aliceId}/follow", bob);
        var status = await SendAsync(http, HttpMethod.Post, "/api/v1/statuses", alice, ("status", "Hello from the socket threads"));

        JsonElement home = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            home = await SendAsync(http, HttpMethod.Get, "/api/v1/timelines/home", bob);
            return home.GetArrayLength() == 1;
        }, "bob's home timeline shows alice's status");
        Assert.Equal(status.GetProperty("id").GetString(), home[0].GetProperty("id").GetString());
        Assert.Equal("<p>Hello from the socket threads</p>", home[0].GetProperty("content").GetString());
    }

    [Fact]
    public async Task On_the_shipped_sqlite_settings_the_api_warns_that_each_database_call_holds_a_socket_thread()
    {
        await using var api = SiloProcess.Start(
            new Dictionary<string, string> { ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1" }, "Weft.Api.dll", "--urls", "http://127.0.0.1:0");
        await api.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));

        Assert.Contains("Weft:Storage:Default:Provider is SQLite, whose calls are synchronous", api.Output, StringComparison.Ordinal);
        using var http = new HttpClient { BaseAddress = new Uri(ListeningUrl().Match(api.Output).Groups[1].Value), Timeout = TimeSpan.FromSeconds(30) };
        using var instance = await http.GetAsync("/api/v1/instance");
        Assert.Equal(HttpStatusCode.OK, instance.StatusCode);
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string? token, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (form.Length > 0)
        {
            request.Content = new FormUrlEncodedContent(form.Select(field => KeyValuePair.Create(field.Name, field.Value)));
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningUrl();
}
