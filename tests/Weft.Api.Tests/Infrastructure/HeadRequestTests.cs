using System.Net;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>HEAD on a real socket: answered as GET, headers without the body, and the connection stays usable.</summary>
public sealed class HeadRequestTests : IDisposable
{
    private readonly ApiFactory _factory = ApiFactory.OnSqlite();

    [Fact]
    public async Task Head_answers_the_get_headers_without_a_body_on_a_connection_that_goes_on()
    {
        var address = _factory.StartOnSocket();

        // One connection for all requests: a body sent after a HEAD answer would be read as the next response.
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1 };
        using var client = new HttpClient(handler) { BaseAddress = address };

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/instance"));
        var headBody = await head.Content.ReadAsByteArrayAsync();
        using var missing = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/statuses/1"));
        using var get = await client.GetAsync("/api/v1/instance");
        var instance = await JsonAsync(get, HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json", head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(headBody);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(string.IsNullOrEmpty(instance.GetProperty("uri").GetString()));
    }

    public void Dispose() => _factory.Dispose();
}
