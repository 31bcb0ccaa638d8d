using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.Auth;

/// <summary>
/// Finds the bearer token (Authorization header, else the <c>access_token</c> query parameter, else for WebSocket
/// upgrades the <c>Sec-WebSocket-Protocol</c> header), looks it up in its token grain, and sets
/// <see cref="AuthenticatedToken"/> as a request feature. A token that is sent but unknown or revoked is answered 401
/// on public endpoints too, as Mastodon does, with its <c>WWW-Authenticate</c> challenge: by
/// <see cref="RejectUnknownTokens"/>, after the rate limiter, so guessing tokens counts against the client's address.
/// </summary>
public sealed class BearerTokenMiddleware(RequestDelegate next, IGrainFactory grains)
{
    // By token, so a known token skips hashing too; revocation is still seen at once, since the grain is asked every time.
    private readonly GrainReferenceCache<string, IAccessTokenGrain> _tokens =
        new(token => grains.GetGrain<IAccessTokenGrain>(AccessTokens.Hash(token)), capacity: 50_000);

    private const string Bearer = "Bearer";

    /// <summary>Handles one request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var token = FindToken(context.Request);
        return token is null ? next(context) : AuthenticateAsync(context, token);
    }

    private async Task AuthenticateAsync(HttpContext context, string token)
    {
        var grant = token.Length is > 0 and <= 512
            ? await _tokens.Get(token).GetAsync()
            : null;
        if (grant is null)
        {
            context.Features.Set(UnknownToken.Instance);
        }
        else
        {
            context.Features.Set(new AuthenticatedToken(token, grant, OAuthScopes.Parse(grant.Scopes)));
        }

        await next(context);
    }

    /// <summary>Answers 401 to a request whose token was unknown or revoked; placed after the rate limiter.</summary>
    public static WebApplication RejectUnknownTokens(WebApplication app)
    {
        app.Use(static (context, next) =>
            context.Features.Get<UnknownToken>() is null ? next(context) : ApiErrors.WriteUnauthorizedAsync(context.Response));
        return app;
    }

    // The mark of a request that sent a token no grant answers to.
    private sealed class UnknownToken
    {
        public static readonly UnknownToken Instance = new();
    }

    private static string? FindToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization;
        if (authorization.Count > 1)
        {
            // Two Authorization headers name no one token: refused as an invalid one, never read as anonymous.
            return "";
        }

        if (authorization.Count == 1 && authorization[0] is { } header && header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && (header.Length == Bearer.Length || header[Bearer.Length] == ' ')
            && header.AsSpan(Bearer.Length).Trim() is { IsEmpty: false } headerToken)
        {
            return headerToken.ToString();
        }

        // "Bearer" with nothing after it names no token: Mastodon (Doorkeeper) reads the request as anonymous, and so
        // do we (an endpoint that needs a token then answers 401 as for any request without one).

        if (request.Query.TryGetValue("access_token", out var queryToken) && queryToken.Count > 0 && !string.IsNullOrEmpty(queryToken[0]))
        {
            return queryToken[0];
        }

        if (request.Headers.SecWebSocketProtocol is { Count: > 0 } protocols && request.HttpContext.WebSockets.IsWebSocketRequest)
        {
            return protocols[0]!.Split(',')[0].Trim();
        }

        return null;
    }
}
