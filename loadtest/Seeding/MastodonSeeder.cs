using System.Net.Http.Headers;
using System.Text.Json;
using Weft.Testing;

namespace Weft.LoadTest.Seeding;

/// <summary>Creates a scenario's accounts, follows and statuses through the Mastodon API, as a client would.</summary>
internal sealed class MastodonSeeder(HttpClient client)
{
    private string? _appToken;

    /// <summary>Registers an app (once) and an account; returns the account with a read/write/follow token.</summary>
    public async Task<SeededAccount> RegisterAsync(string username)
    {
        _appToken ??= await AppTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/accounts")
        {
            Content = JsonContent.Create(new Dictionary<string, object>
            {
                ["username"] = username,
                ["email"] = $"{username}@loadtest.example",
                ["password"] = "load-test-password",
                ["agreement"] = true,
                ["locale"] = "en",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _appToken);
        var token = (await SendAsync(request)).GetProperty("access_token").GetString()!;
        var me = await SendAsync(Authorized(HttpMethod.Get, "/api/v1/accounts/verify_credentials", token));
        return new SeededAccount(me.GetProperty("id").GetString()!, username, token);
    }

    public async Task FollowAsync(SeededAccount follower, SeededAccount followee) =>
        await SendAsync(Authorized(HttpMethod.Post, $"/api/v1/accounts/{followee.Id}/follow", follower.Token));

    /// <summary>Posts a public status; returns its id.</summary>
    public async Task<string> PostAsync(SeededAccount author, string text)
    {
        var request = Authorized(HttpMethod.Post, "/api/v1/statuses", author.Token);
        request.Content = JsonContent.Create(new Dictionary<string, object> { ["status"] = text, ["visibility"] = "public" });
        return (await SendAsync(request)).GetProperty("id").GetString()!;
    }

    /// <summary>Whether the newest statuses of <paramref name="author"/>'s profile (GET /api/v1/accounts/:id/statuses) hold <paramref name="statusId"/>.</summary>
    public async Task<bool> ProfileListsAsync(SeededAccount author, string statusId)
    {
        var page = await SendAsync(Authorized(HttpMethod.Get, $"/api/v1/accounts/{author.Id}/statuses?limit=5", author.Token));
        return page.EnumerateArray().Any(status => status.GetProperty("id").GetString() == statusId);
    }

    /// <summary>How many statuses the first page of the account's home timeline (up to <paramref name="limit"/>) holds.</summary>
    public async Task<int> HomeCountAsync(SeededAccount account, int limit) =>
        (await SendAsync(Authorized(HttpMethod.Get, $"/api/v1/timelines/home?limit={limit}", account.Token))).GetArrayLength();

    /// <summary>
    /// The first home page asked for with <paramref name="acceptEncoding"/>: the Content-Encoding it came with and its
    /// size on the wire. Throws unless it was a success.
    /// </summary>
    public async Task<(string? ContentEncoding, long Bytes)> HomeEncodingAsync(SeededAccount account, int limit, string acceptEncoding)
    {
        using var request = Authorized(HttpMethod.Get, $"/api/v1/timelines/home?limit={limit}", account.Token);
        request.Headers.AcceptEncoding.ParseAdd(acceptEncoding);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode
            ? (response.Content.Headers.ContentEncoding.FirstOrDefault(), body.Length)
            : throw new InvalidOperationException($"GET {request.RequestUri} answered {(int)response.StatusCode}");
    }

    /// <summary>Registers the accounts; each follows the next <paramref name="follows"/> and posts <paramref name="statusesEach"/> statuses.</summary>
    public async Task<List<SeededAccount>> SeedFollowingAsync(int users, int follows, int statusesEach)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var accounts = new List<SeededAccount>(users);
        for (var i = 0; i < users; i++)
        {
            accounts.Add(await RegisterAsync($"load{run}{i}"));
        }

        for (var i = 0; i < users; i++)
        {
            for (var step = 1; step <= follows; step++)
            {
                await FollowAsync(accounts[i], accounts[(i + step) % users]);
            }
        }

        for (var round = 0; round < statusesEach; round++)
        {
            foreach (var account in accounts)
            {
                await PostAsync(account, $"Status {round} from @{account.Username}: reading https://example.com/articles/{round} #weft #loadtest");
            }
        }

        Console.WriteLine($"seeded {users} accounts, each following {follows} and posting {statusesEach} statuses");
        return accounts;
    }

    /// <summary>Waits (up to two minutes) until every account's first home page holds <paramref name="pageSize"/> statuses; reading builds each timeline.</summary>
    public Task WaitUntilEveryHomeHoldsAsync(IReadOnlyList<SeededAccount> accounts, int pageSize) =>
        Eventually.WaitUntilAsync(
            async () =>
            {
                foreach (var account in accounts)
                {
                    if (await HomeCountAsync(account, pageSize) < pageSize)
                    {
                        return false;
                    }
                }

                return true;
            },
            $"every home timeline to hold {pageSize} statuses",
            TimeSpan.FromMinutes(2));

    private async Task<string> AppTokenAsync()
    {
        var app = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/apps")
        {
            Content = JsonContent.Create(new Dictionary<string, string>
            {
                ["client_name"] = "weft-loadtest",
                ["redirect_uris"] = "urn:ietf:wg:oauth:2.0:oob",
                ["scopes"] = "read write follow",
            }),
        });
        var token = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = app.GetProperty("client_id").GetString()!,
                ["client_secret"] = app.GetProperty("client_secret").GetString()!,
                ["scope"] = "read write follow",
            }),
        });
        return token.GetProperty("access_token").GetString()!;
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string token)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body}");
            }

            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
    }
}
