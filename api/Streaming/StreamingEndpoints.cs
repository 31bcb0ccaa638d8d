using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Live;
using Weft.Api.OpenApi;

namespace Weft.Api.Streaming;

/// <summary>
/// Mastodon's streaming API over WebSocket: GET /api/v1/streaming?stream=user|user:notification|public|public:local,
/// or stream=hashtag|hashtag:local with tag=name, then subscribe/unsubscribe messages. The token comes from the Authorization header, the access_token parameter or
/// Sec-WebSocket-Protocol (echoed back in the handshake); an invalid one is refused with 401 before the upgrade.
/// </summary>
public static class StreamingEndpoints
{
    /// <summary>WebSocket settings: a keep-alive ping every 30 seconds, so idle connections stay open through proxies.</summary>
    public static WebSocketOptions WebSocketOptions { get; } = new() { KeepAliveInterval = TimeSpan.FromSeconds(30) };

    public static IEndpointRouteBuilder MapStreamingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/streaming/health", () => Results.Text("OK", "text/plain"));
        app.MapGet("/api/v1/streaming", StreamAsync)
            .WithTags("Streaming")
            .WithQuery("stream", "The stream to subscribe to at once: user, user:notification, public, public:local, hashtag or hashtag:local (more with subscribe messages).")
            .WithQuery("tag", "The hashtag of a hashtag stream.")
            .WithQuery("access_token", "The token, for clients that cannot send headers on a WebSocket (also accepted in Sec-WebSocket-Protocol).")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("A WebSocket of live events (update, notification, delete, status.update); 400 without an upgrade.");
        return app;
    }

    private static async Task<IResult> StreamAsync(HttpContext context, IGrainFactory grains, ILiveFeed feed, StatusRenderer statuses, NotificationRenderer notifications)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiErrors.BadRequest("Expected a WebSocket upgrade");
        }

        var token = context.GetAuthenticatedToken();
        var initial = context.Request.Query["stream"].ToString();
        var tag = context.Request.Query["tag"].ToString();
        if (initial.Length > 0)
        {
            switch (StreamingSubscriptions.Check(initial, tag, token))
            {
                case StreamingRefusal.Unknown:
                    return ApiErrors.BadRequest("Unknown stream type");
                case StreamingRefusal.MissingTag:
                    return ApiErrors.BadRequest("Missing tag name parameter");
                case StreamingRefusal.Unauthorized:
                    return ApiErrors.Unauthorized();
                case StreamingRefusal.OutOfScope:
                    return ApiErrors.InsufficientScope(StreamingSubscriptions.ScopeOf(initial)!);
            }
        }

        var accept = new WebSocketAcceptContext();
        if (context.Request.Headers.SecWebSocketProtocol is { Count: > 0 } protocols)
        {
            accept.SubProtocol = protocols[0]!.Split(',')[0].Trim();
        }

        using var connection = new StreamingConnection(grains, feed, statuses, notifications, token, RequestOrigin.Get(context.Request));
        if (initial.Length > 0)
        {
            await connection.SubscribeAsync(initial, tag);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
        await connection.RunAsync(socket, context.RequestAborted);
        return Results.Empty;
    }
}
