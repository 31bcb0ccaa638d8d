using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Auth;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.Tests.Support;

/// <summary>
/// A registered user with a bearer token and an HTTP client that sends it. Created through the grains (registration,
/// client app, token) so these tests depend only on the social endpoints they exercise.
/// </summary>
public sealed class ApiUser : IDisposable
{
    public const string AppName = "Weft Tests";

    private ApiUser(HttpClient client, long accountId, string username, string token)
    {
        Client = client;
        AccountId = accountId;
        Username = username;
        Token = token;
    }

    public HttpClient Client { get; }

    public long AccountId { get; }

    /// <summary>The account id as it appears on the wire.</summary>
    public string Id => AccountId.ToString(CultureInfo.InvariantCulture);

    public string Username { get; }

    public string Token { get; }

    /// <summary>Registers <paramref name="username"/> and issues a token with <paramref name="scopes"/>.</summary>
    public static async Task<ApiUser> CreateAsync(ApiFactory factory, string username, string scopes = "read write follow")
    {
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        var registered = await grains.GetGrain<IRegistrationGrain>(username.ToLowerInvariant())
            .RegisterAsync(new NewAccount(username, username + "@example.test", "correct horse battery", username));
        var accountId = registered.AccountId ?? throw new InvalidOperationException($"Registering {username} failed: {registered.Error}");
        var token = await IssueTokenAsync(grains, accountId, scopes);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiUser(client, accountId, username, token);
    }

    /// <summary>Another token for an existing account (other scopes).</summary>
    public static async Task<string> IssueTokenAsync(IGrainFactory grains, long? accountId, string scopes)
    {
        var clientId = "tests-" + Guid.NewGuid().ToString("N");
        await grains.GetGrain<IClientAppGrain>(clientId).CreateAsync(
            new ClientApp(Random.Shared.NextInt64(1, long.MaxValue), clientId, AppName, "urn:ietf:wg:oauth:2.0:oob", scopes, null, DateTimeOffset.UtcNow),
            "secret");
        var token = AccessTokens.Create();
        await grains.GetGrain<IAccessTokenGrain>(AccessTokens.Hash(token)).IssueAsync(new TokenGrant(accountId, clientId, scopes, DateTimeOffset.UtcNow));
        return token;
    }

    /// <summary>POSTs a form and returns the response.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    /// <summary>Posts a status and returns its JSON (asserting success).</summary>
    public async Task<JsonElement> PostStatusAsync(string text, string visibility = "public", string? inReplyToId = null)
    {
        var fields = new List<(string, string)> { ("status", text), ("visibility", visibility) };
        if (inReplyToId is not null)
        {
            fields.Add(("in_reply_to_id", inReplyToId));
        }

        var response = await PostFormAsync("/api/v1/statuses", [.. fields]);
        return await Json.ReadAsync(response, System.Net.HttpStatusCode.OK);
    }

    /// <summary>Follows another user (asserting success).</summary>
    public async Task FollowAsync(ApiUser other) =>
        await Json.ReadAsync(await PostFormAsync($"/api/v1/accounts/{other.Id}/follow"), System.Net.HttpStatusCode.OK);

    /// <summary>GETs a path and returns its JSON (asserting the status code).</summary>
    public async Task<JsonElement> GetJsonAsync(string path, System.Net.HttpStatusCode expected = System.Net.HttpStatusCode.OK) =>
        await Json.ReadAsync(await Client.GetAsync(path), expected);

    public void Dispose() => Client.Dispose();
}
