using System.Net;
using Weft.Api.Tests.OAuth;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>Browser clients on other origins: preflights answered and headers shared on the API, as Mastodon does; the login page is not shared.</summary>
public sealed class CorsTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>
{
    private readonly HttpClient _client = host.Factory.CreateClient();

    [Theory]
    [InlineData("/api/v1/timelines/home", "GET")]
    [InlineData("/api/v1/statuses", "POST")]
    [InlineData("/oauth/token", "POST")]
    public async Task A_preflight_from_another_origin_is_allowed(string path, string method)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", "https://elk.zone");
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type, idempotency-key");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        Assert.Contains(method, Single(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", Single(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Api_answers_carry_the_origin_and_expose_paging_and_rate_limit_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/public");
        request.Headers.Add("Origin", "https://phanpy.social");

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Single(response, "Access-Control-Allow-Origin"));
        var exposed = Single(response, "Access-Control-Expose-Headers");
        Assert.Contains("Link", exposed, StringComparison.Ordinal);
        Assert.Contains("X-RateLimit-Remaining", exposed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_is_not_shared_with_other_origins()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/oauth/authorize?client_id=x&redirect_uri=urn:ietf:wg:oauth:2.0:oob&response_type=code");
        request.Headers.Add("Origin", "https://evil.example");

        using var response = await _client.SendAsync(request);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.GetValues(name));
}
