using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Instance;
using Weft.Api.RateLimiting;
using Weft.GrainInterfaces.Auth;
using Weft.Api.OpenApi;

namespace Weft.Api.OAuth;

/// <summary>Mastodon's OAuth 2 server: authorize (login page), token, revoke, and the RFC 8414 metadata.</summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/oauth/authorize", AuthorizeEndpoint.ShowAsync).ExcludeFromDescription();
        app.MapPost("/oauth/authorize", AuthorizeEndpoint.SubmitAsync)
            .ExcludeFromDescription()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicies.Login);
        app.MapPost("/oauth/token", TokenEndpoint.HandleAsync)
            .WithOAuthErrors()
            .RequireRateLimiting(RateLimitPolicies.Login)
            .WithTags("OAuth")
            .AcceptsFields(typeof(TokenFields))
            .Produces<TokenEntity>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)
            .WithSummary("Obtains an access token (authorization_code, password or client_credentials grant). "
                + "Errors are RFC 6749's: 400 with invalid_request, invalid_grant, invalid_scope or unsupported_grant_type; 401 invalid_client.");
        app.MapPost("/oauth/revoke", RevokeAsync)
            .WithOAuthErrors()
            .WithTags("OAuth")
            .AcceptsFields(typeof(RevokeFields))
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden)
            .WithSummary("Revokes an access token of the calling app (200 also for an unknown or revoked one; 403 unauthorized_client for another app's).");
        app.MapGet("/.well-known/oauth-authorization-server", Metadata)
            .WithTags("OAuth")
            .Produces<ServerMetadata>()
            .WithSummary("OAuth 2.0 authorization server metadata (RFC 8414).");
        return app;
    }

    // RFC 7009 §2.2: 200 for a token that is unknown or revoked already. A live token of another app is a 403, as
    // Doorkeeper answers in front of Mastodon: that tells the caller the token is live, which the caller, holding the
    // token, could learn by using it anyway.
    private static async Task<IResult> RevokeAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var app = await ClientAuthentication.AuthenticateAsync(grains, context.Request, body);
        var token = body.GetString("token");
        if (string.IsNullOrEmpty(token))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid_request", "Missing required parameter: token.");
        }

        // A live token of another app is refused, as Doorkeeper does; an unknown or revoked one is no error (RFC 7009).
        var tokenGrain = grains.GetGrain<IAccessTokenGrain>(AccessTokens.Hash(token));
        if (await tokenGrain.GetAsync() is { } grant && !string.Equals(grant.ClientId, app.ClientId, StringComparison.Ordinal))
        {
            throw new ApiException(StatusCodes.Status403Forbidden, "unauthorized_client", "You are not authorized to revoke this token");
        }

        await tokenGrain.RevokeAsync(app.ClientId);
        return Results.Text("{}", "application/json; charset=utf-8");
    }

    private static IResult Metadata(HttpContext context)
    {
        var baseUrl = InstanceUrls.BaseUrl(context.Request);
        var metadata = new ServerMetadata(
            Issuer: baseUrl + "/",
            ServiceDocumentation: "https://docs.joinmastodon.org/",
            AuthorizationEndpoint: baseUrl + "/oauth/authorize",
            TokenEndpoint: baseUrl + "/oauth/token",
            RevocationEndpoint: baseUrl + "/oauth/revoke",
            AppRegistrationEndpoint: baseUrl + "/api/v1/apps",
            ScopesSupported: OAuthScopes.Known,
            ResponseTypesSupported: ["code"],
            ResponseModesSupported: ["query"],
            GrantTypesSupported: ["authorization_code", "password", "client_credentials"],
            TokenEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
            CodeChallengeMethodsSupported: ["S256"]);
        return Results.Json(metadata, OAuthJsonContext.Default.ServerMetadata);
    }
}
