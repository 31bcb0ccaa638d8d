using System.Net;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Infrastructure;

/// <summary>
/// Request-line oddities on a real socket: HEAD answered as GET with the headers alone (the connection stays usable),
/// and an HTTP/1.0 request without a Host header.
/// </summary>
public sealed class RequestLineTests : IDisposable
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

    [Fact]
    public async Task An_http_1_0_request_without_a_host_gets_the_address_it_reached_in_its_urls()
    {
        var address = _factory.StartOnSocket();
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        await using var stream = socket.GetStream();
        await stream.WriteAsync("GET /api/v2/instance HTTP/1.0\r\n\r\n"u8.ToArray());

        using var reader = new StreamReader(stream);
        var response = await reader.ReadToEndAsync(); // HTTP/1.0: the server closes after the answer
        var body = System.Text.Json.JsonDocument.Parse(response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;

        Assert.StartsWith("HTTP/1.1 200", response, StringComparison.Ordinal);
        Assert.Equal($"{address.Host}:{address.Port}", body.GetProperty("domain").GetString());
        Assert.Equal($"ws://{address.Host}:{address.Port}", body.GetProperty("configuration").GetProperty("urls").GetProperty("streaming").GetString());
    }

    public void Dispose() => _factory.Dispose();
}
