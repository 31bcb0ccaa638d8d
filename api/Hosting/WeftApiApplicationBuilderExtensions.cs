using Weft.Api.Auth;
using Weft.Api.Cors;
using Weft.Api.Infrastructure;
using Weft.Api.Instance;
using Weft.Api.RateLimiting;
using Weft.Api.Streaming;

namespace Weft.Api.Hosting;

/// <summary>The API's request pipeline, in order.</summary>
public static class WeftApiApplicationBuilderExtensions
{
    /// <summary>A word on how requests are scheduled, a host for HTTP/1.0 requests without one, the configured public address, HEAD routed as GET, errors as JSON, API answers private, then bearer tokens, then the feature middleware, then each API request's body read (one line each).</summary>
    public static WebApplication UseWeftApi(this WebApplication app)
    {
        app.LogSocketThreadScheduling();
        app.UseHostFallback();
        app.UsePublicOrigin();
        app.UseHeadAsGet();
        app.UseApiErrors();
        app.UsePrivateAnswers();
        app.UseMastodonCors();
        app.UseWebSockets(StreamingEndpoints.WebSocketOptions); // before tokens: they may come in Sec-WebSocket-Protocol
        app.UseMiddleware<BearerTokenMiddleware>();
        app.UseWeftRateLimits(); // a request with an unknown token counts against its address, as an anonymous one
        BearerTokenMiddleware.RejectUnknownTokens(app);
        app.UseBodiesFirst();
        return app;
    }
}
