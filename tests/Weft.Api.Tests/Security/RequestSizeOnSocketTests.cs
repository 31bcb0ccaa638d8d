using System.Net;
using System.Text;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Security;

/// <summary>Kestrel's own body limit, for bodies that declare no length (chunked), on a real socket.</summary>
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

    public void Dispose() => _factory.Dispose();
}
