using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Weft.Api.Tests.Streaming;

/// <summary>A WebSocket client of /api/v1/streaming that reads Mastodon's event messages.</summary>
public sealed class StreamingClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private StreamingClient(ClientWebSocket socket) => _socket = socket;

    public string? SubProtocol => _socket.SubProtocol;

    /// <summary>Connects to <paramref name="baseAddress"/>/api/v1/streaming?<paramref name="query"/>.</summary>
    public static async Task<StreamingClient> ConnectAsync(Uri baseAddress, string query, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        var uri = new UriBuilder(baseAddress) { Scheme = "ws", Path = "/api/v1/streaming", Query = query }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await socket.ConnectAsync(uri, timeout.Token);
        return new StreamingClient(socket);
    }

    /// <summary>Sends a JSON text message.</summary>
    public Task SendAsync(string json) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Subscribes, and waits until the server has handled it (it answers the junk message that follows in order).</summary>
    public async Task SubscribeAsync(string stream)
    {
        await SendAsync($"{{\"type\":\"subscribe\",\"stream\":\"{stream}\"}}");
        await SendAsync("{\"type\":\"sync\"}");
        var reply = await ReceiveAsync();
        Assert.Equal(400, reply.GetProperty("status").GetInt32());
    }

    /// <summary>The next message, parsed; fails after 10 seconds.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        var length = 0;
        ValueWebSocketReceiveResult result;
        do
        {
            result = await _socket.ReceiveAsync(buffer.AsMemory(length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }

    /// <summary>The next event message (skipping nothing), with its payload parsed when it is JSON.</summary>
    public async Task<(string Stream, string Event, string Payload)> ReceiveEventAsync()
    {
        var message = await ReceiveAsync();
        return (message.GetProperty("stream")[0].GetString()!, message.GetProperty("event").GetString()!, message.GetProperty("payload").GetString()!);
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
        }

        _socket.Dispose();
    }
}
