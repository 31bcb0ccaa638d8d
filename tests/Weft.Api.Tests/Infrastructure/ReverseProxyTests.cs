using System.Net;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>
/// Behind a proxy that terminates TLS (nginx), ASP.NET Core's forwarded-headers switch
/// (<c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>) makes the URLs Weft answers with use the client's scheme, and the
/// per-address rate limit count each client's address rather than the proxy's. Without it the headers are ignored, so
/// a client reaching the API directly cannot forge them.
/// </summary>
public sealed class ReverseProxyTests
{
    [Fact]
    public async Task Forwarded_scheme_and_address_count_when_the_switch_is_on()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["FORWARDEDHEADERS_ENABLED"] = "true",
            ["Weft:RateLimits:PerAddress:PermitLimit"] = "2",
            ["Weft:RateLimits:PerAddress:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();

        var first = await FromAsync(client, "203.0.113.7");
        var second = await FromAsync(client, "203.0.113.7");
        var third = await FromAsync(client, "203.0.113.7");
        var other = await FromAsync(client, "198.51.100.9");

        var instance = await JsonAsync(first, HttpStatusCode.OK);
        Assert.Equal("wss://social.example", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
        Assert.Equal("https://social.example/instance/thumbnail.png", instance.GetProperty("thumbnail").GetProperty("url").GetString());
        await JsonAsync(second, HttpStatusCode.OK);
        await JsonAsync(third, HttpStatusCode.TooManyRequests);
        await JsonAsync(other, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Forwarded_headers_are_ignored_by_default()
    {
        using var factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
        {
            ["Weft:RateLimits:PerAddress:PermitLimit"] = "2",
            ["Weft:RateLimits:PerAddress:Window"] = "01:00:00",
        });
        using var client = factory.CreateClient();

        var first = await FromAsync(client, "203.0.113.7");
        await FromAsync(client, "198.51.100.8");
        var third = await FromAsync(client, "198.51.100.9");

        var instance = await JsonAsync(first, HttpStatusCode.OK);
        Assert.Equal("ws://social.example", instance.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
        await JsonAsync(third, HttpStatusCode.TooManyRequests); // one address, whatever the header says
    }

    private static Task<HttpResponseMessage> FromAsync(HttpClient client, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v2/instance");
        request.Headers.Host = "social.example";
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }
}
