using System.Net;
using System.Text;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Security;

/// <summary>Size limits on a real socket: Kestrel's body limit for chunked bodies, and the request line and header limits.</summary>
public sealed class RequestSizeOnSocketTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite(new Dictionary<string, string?>
    {
        ["Weft:RateLimits:MaxRequestBodyBytes"] = "65536",
    });

    [Fact]
    public async Task Chunked_body_over_the_limit_is_413_json()
    {
        var address = _factory.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"client_name\": \"" + new string('a', 200_000) + "\"}")));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/apps") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        var error = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Request body too large", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Body_under_the_limit_is_accepted_on_the_socket()
    {
        var address = _factory.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };

        var app = await TestAccounts.CreateAppAsync(client);

        Assert.Equal(43, app.ClientId.Length);
    }

    [Fact]
    public async Task A_request_target_over_8_KB_is_414_json()
    {
        var address = _factory.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };

        var response = await client.GetAsync("/api/v1/timelines/public?max_id=" + new string('1', 9_000));

        var error = await JsonAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Equal("Request URI too long", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Headers_over_32_KB_are_431_json_and_smaller_ones_pass()
    {
        var address = _factory.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };
        using var large = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instance");
        large.Headers.Add("X-Padding", new string('a', 20_000));
        large.Headers.Add("X-More-Padding", new string('b', 20_000));
        using var fine = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instance");
        fine.Headers.Add("X-Padding", new string('a', 20_000));

        var refused = await client.SendAsync(large);
        var accepted = await client.SendAsync(fine);

        var error = await JsonAsync(refused, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal("Request header fields too large", error.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task More_than_100_header_fields_are_431_json_and_100_pass()
    {
        var address = _factory.StartOnSocket();
        using var client = new HttpClient { BaseAddress = address };

        // HttpClient adds Host itself: 99 more fields make 100, 100 more make 101.
        var accepted = await client.SendAsync(WithFields(99));
        var refused = await client.SendAsync(WithFields(100));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var error = await JsonAsync(refused, HttpStatusCode.RequestHeaderFieldsTooLarge);
        Assert.Equal("Request header fields too large", error.GetProperty("error").GetString());

        static HttpRequestMessage WithFields(int count)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/instance");
            for (var i = 0; i < count; i++)
            {
                request.Headers.Add($"X-Field-{i}", "a");
            }

            return request;
        }
    }

    public void Dispose() => _factory.Dispose();
}
