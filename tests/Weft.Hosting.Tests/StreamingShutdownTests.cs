using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Weft.Hosting.Tests.Support;

namespace Weft.Hosting.Tests;

/// <summary>
/// The API stopped by SIGTERM while a WebSocket stream is open: the client gets a close frame saying the server goes
/// away (1001), not a dropped connection, and the process still exits promptly.
/// </summary>
public sealed partial class StreamingShutdownTests
{
    [Fact]
    public async Task An_open_websocket_stream_is_closed_with_going_away_when_the_api_stops()
    {
        await using var api = SiloProcess.Start(new Dictionary<string, string>(), "Weft.Api.dll", "--urls", "http://127.0.0.1:0");
        await api.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));
        var address = new Uri(ListeningUrl().Match(api.Output).Groups[1].Value);
        using var socket = new ClientWebSocket();
        using (var connecting = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            await socket.ConnectAsync(new UriBuilder(address) { Scheme = "ws", Path = "/api/v1/streaming", Query = "stream=public" }.Uri, connecting.Token);
        }

        await api.TerminateAsync();

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = await socket.ReceiveAsync(new byte[1024], deadline.Token);
        Assert.Equal(WebSocketMessageType.Close, received.MessageType);
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, received.CloseStatus);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token);
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exitCode == 0, $"The API exited with {exitCode} after SIGTERM. Output:\n{api.Output}");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningUrl();
}
