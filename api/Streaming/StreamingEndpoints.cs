using Microsoft.AspNetCore.Http.Features;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Live;
using Weft.Api.OpenApi;

namespace Weft.Api.Streaming;

/// <summary>
/// Mastodon's streaming API. Over WebSocket: GET /api/v1/streaming?stream=user|user:notification|direct|public|public:local
/// (and public:media, public:local:media, public:remote, public:remote:media, which stay quiet: no media, no federation),
/// stream=hashtag|hashtag:local with tag=name, or stream=list with list=id, then subscribe/unsubscribe messages. The token comes from the
/// Authorization header, the access_token parameter or Sec-WebSocket-Protocol (echoed back in the handshake); an
/// invalid one is refused with 401 before the upgrade. Over HTTP (server-sent events, as Mastodon.py streams): one
/// stream per request, named by the path — /api/v1/streaming/user, /user/notification, /direct, /public, /public/local,
/// /hashtag?tag=name, /hashtag/local?tag=name and /list?list=id; <c>only_media=true</c> on a public path is its quiet media stream.
/// </summary>
public static class StreamingEndpoints
{
    /// <summary>
    /// WebSocket settings: a ping every 30 seconds, so idle connections stay open through proxies, and a connection whose
    /// client sends no pong within 30 more seconds is closed (a vanished client would otherwise hold it forever).
    /// </summary>
    public static WebSocketOptions WebSocketOptions { get; } = new()
    {
        KeepAliveInterval = TimeSpan.FromSeconds(30),
        KeepAliveTimeout = TimeSpan.FromSeconds(30),
    };

    // Mastodon's streaming server sends its ":thump" comment every 15 seconds.
    private static readonly TimeSpan s_eventStreamHeartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapStreamingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/streaming/health", () => Results.Text("OK", "text/plain"));
        app.MapGet("/api/v1/streaming", StreamAsync)
            .WithTags("Streaming")
            .WithQuery("stream", "The stream to subscribe to at once: user, user:notification, direct, public, public:local, hashtag, hashtag:local or list (more with subscribe messages).")
            .WithQuery("tag", "The hashtag of a hashtag stream.")
            .WithQuery("list", "The id of a list stream's list (one of the user's).")
            .WithQuery("access_token", "The token, for clients that cannot send headers on a WebSocket (also accepted in Sec-WebSocket-Protocol).")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("A WebSocket of live events (update, notification, delete, status.update); 400 without an upgrade.");
        app.MapGet("/api/v1/streaming/{*stream}", EventStreamAsync)
            .WithTags("Streaming")
            .WithQuery("tag", "The hashtag of a hashtag stream.")
            .WithQuery("list", "The id of a list stream's list (one of the user's).")
            .WithQuery("access_token", "The token, if not in the Authorization header.")
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("Server-sent events (text/event-stream) of one stream, named by the path: user, user/notification, direct, public, public/local, hashtag, hashtag/local, list.");
        return app;
    }

    private static async Task<IResult> StreamAsync(
        HttpContext context, IGrainFactory grains, ILiveFeed feed, StatusRenderer statuses, NotificationRenderer notifications, ConversationRenderer conversations,
        IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            return ApiErrors.BadRequest("Expected a WebSocket upgrade");
        }

        var token = context.GetAuthenticatedToken();
        var initial = context.Request.Query["stream"].ToString();
        var tag = context.Request.Query["tag"].ToString();
        var list = context.Request.Query["list"].ToString();
        if (initial.Length > 0 && Refuse(initial, tag, list, token) is { } refusal)
        {
            return refusal;
        }

        var accept = new WebSocketAcceptContext();
        if (context.Request.Headers.SecWebSocketProtocol is { Count: > 0 } protocols)
        {
            accept.SubProtocol = protocols[0]!.Split(',')[0].Trim();
        }

        // Subscribed before the upgrade: a list that is not the user's is a 404 answer, not a stream.
        using var connection = new StreamingConnection(grains, feed, statuses, notifications, conversations, token, RequestOrigin.Get(context.Request));
        if (initial.Length > 0 && !await connection.SubscribeAsync(initial, tag, list))
        {
            return ApiErrors.NotFound();
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(accept);
        await connection.RunAsync(socket, context.RequestAborted, lifetime.ApplicationStopping);
        return Results.Empty;
    }

    private static async Task<IResult> EventStreamAsync(
        HttpContext context, string stream, IGrainFactory grains, ILiveFeed feed, StatusRenderer statuses, NotificationRenderer notifications,
        ConversationRenderer conversations, IHostApplicationLifetime lifetime)
    {
        var token = context.GetAuthenticatedToken();
        var name = StreamingSubscriptions.WithOnlyMedia(
            stream.TrimEnd('/').Replace('/', ':'), IsTruthy(context.Request.Query["only_media"].ToString()));
        var tag = context.Request.Query["tag"].ToString();
        var list = context.Request.Query["list"].ToString();
        if (Refuse(name, tag, list, token) is { } refusal)
        {
            return refusal;
        }

        using var connection = new StreamingConnection(grains, feed, statuses, notifications, conversations, token, RequestOrigin.Get(context.Request));
        if (!await connection.SubscribeAsync(name, tag, list))
        {
            return ApiErrors.NotFound();
        }

        // Each event goes out as it comes: no buffering here, nor in a proxy in front (nginx honours X-Accel-Buffering).
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        // Kestrel holds the headers until the body's first flush; Mastodon opens the body with a ":)" comment.
        await response.WriteAsync(":)\n", context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        using var ended = EndedOrStopping(context, lifetime);
        await connection.RunEventStreamAsync(response, s_eventStreamHeartbeat, ended.Token);
        return Results.Empty;
    }

    // A stream never ends by itself: it must also end when the server stops, or shutdown waits out its whole timeout
    // for it and the silo gets none of that time to deactivate grains (home timelines are written behind).
    private static CancellationTokenSource EndedOrStopping(HttpContext context, IHostApplicationLifetime lifetime) =>
        CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);

    // As Mastodon's streaming server reads a flag: given and not one of its false words.
    private static bool IsTruthy(string value) =>
        value.Length > 0 && value is not ("0" or "f" or "F" or "false" or "FALSE" or "off" or "OFF");

    /// <summary>The error answer for a stream the token may not have, or null if it may.</summary>
    private static IResult? Refuse(string stream, string? tag, string? list, AuthenticatedToken? token) =>
        StreamingSubscriptions.Check(stream, tag, list, token) switch
        {
            StreamingRefusal.Unknown => ApiErrors.BadRequest("Unknown stream type"),
            StreamingRefusal.MissingTag => ApiErrors.BadRequest("Missing tag name parameter"),
            StreamingRefusal.MissingList => ApiErrors.BadRequest("Missing list name parameter"),
            StreamingRefusal.Unauthorized => ApiErrors.Unauthorized(),
            StreamingRefusal.OutOfScope => ApiErrors.InsufficientScope(StreamingSubscriptions.ScopeOf(stream)!),
            _ => null,
        };
}
