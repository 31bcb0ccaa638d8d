using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Weft.Api.Tests.Support;
using Weft.Testing;

namespace Weft.Api.Tests.Walkthrough;

/// <summary>
/// The README's curl walkthrough, request by request, against the program on a real socket: register an app, take an
/// app token, sign up two users, post, follow, read the home timeline.
/// </summary>
public sealed class ReadmeWalkthroughTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite(HighLimits.Settings);
    private readonly HttpClient _http;

    public ReadmeWalkthroughTests()
    {
        _http = new HttpClient { BaseAddress = _factory.StartOnSocket() };
    }

    [Fact]
    public async Task Register_app_sign_up_post_follow_and_read_the_home_timeline()
    {
        // curl -X POST $WEFT/api/v1/apps -F client_name=walkthrough -F redirect_uris=urn:ietf:wg:oauth:2.0:oob -F 'scopes=read write follow'
        var app = await SendAsync(HttpMethod.Post, "/api/v1/apps", null,
            ("client_name", "walkthrough"), ("redirect_uris", "urn:ietf:wg:oauth:2.0:oob"), ("scopes", "read write follow"));

        // curl -X POST $WEFT/oauth/token -F grant_type=client_credentials -F client_id=… -F client_secret=… -F 'scope=read write follow'
        var appToken = (await SendAsync(HttpMethod.Post, "/oauth/token", null,
            ("grant_type", "client_credentials"), ("client_id", app.Str("client_id")), ("client_secret", app.Str("client_secret")),
            ("scope", "read write follow"))).Str("access_token");

        // curl -X POST $WEFT/api/v1/accounts -H "Authorization: Bearer $APP_TOKEN" -F username=alice -F email=… -F password=… -F agreement=true -F locale=en
        var alice = (await SignUpAsync(appToken, "alice")).Str("access_token");
        var bob = (await SignUpAsync(appToken, "bob")).Str("access_token");

        // curl $WEFT/api/v1/accounts/verify_credentials -H "Authorization: Bearer $ALICE"
        var aliceAccount = await SendAsync(HttpMethod.Get, "/api/v1/accounts/verify_credentials", alice);
        Assert.Equal("alice", aliceAccount.Str("acct"));

        // curl -X POST $WEFT/api/v1/accounts/$ALICE_ID/follow -H "Authorization: Bearer $BOB"
        var relationship = await SendAsync(HttpMethod.Post, $"/api/v1/accounts/{aliceAccount.Str("id")}/follow", bob);
        Assert.True(relationship.GetProperty("following").GetBoolean());

        // curl -X POST $WEFT/api/v1/statuses -H "Authorization: Bearer $ALICE" -F 'status=Hello from Weft!'
        var status = await SendAsync(HttpMethod.Post, "/api/v1/statuses", alice, ("status", "Hello from Weft!"));
        Assert.Equal("<p>Hello from Weft!</p>", status.Str("content"));
        Assert.Equal("walkthrough", status.GetProperty("application").Str("name"));

        // curl $WEFT/api/v1/timelines/home -H "Authorization: Bearer $BOB"
        JsonElement home = default;
        await Eventually.WaitUntilAsync(async () =>
        {
            home = await SendAsync(HttpMethod.Get, "/api/v1/timelines/home", bob);
            return home.GetArrayLength() == 1;
        }, "bob's home timeline shows alice's status");
        Assert.Equal(status.Str("id"), home[0].Str("id"));
        Assert.Equal("alice", home[0].GetProperty("account").Str("username"));
        Assert.Equal($"{_http.BaseAddress!.GetLeftPart(UriPartial.Authority)}/@alice/{status.Str("id")}", home[0].Str("url"));
    }

    public void Dispose()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    private Task<JsonElement> SignUpAsync(string appToken, string username) =>
        SendAsync(HttpMethod.Post, "/api/v1/accounts", appToken,
            ("username", username), ("email", $"{username}@example.test"), ("password", "correct horse battery staple"),
            ("agreement", "true"), ("locale", "en"));

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, string? token, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (form.Length > 0)
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in form)
            {
                content.Add(new StringContent(value), name);
            }

            request.Content = content;
        }

        return await Json.ReadAsync(await _http.SendAsync(request), HttpStatusCode.OK);
    }
}
