using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.OAuth;

/// <summary>
/// POST /oauth/token (RFC 6749 §3.2): grant types authorization_code (with PKCE), password (username or e-mail
/// address) and client_credentials. Errors are RFC 6749 §5.2's: 400, or 401 for client authentication.
/// </summary>
public static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IGrainFactory grains, TimeProvider timeProvider)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var grantType = body.GetString("grant_type");
        var token = grantType switch
        {
            "authorization_code" => await AuthorizationCodeAsync(context, grains, timeProvider, body),
            "password" => await PasswordAsync(context, grains, timeProvider, body),
            "client_credentials" => await ClientCredentialsAsync(context, grains, timeProvider, body),
            null or "" => throw InvalidRequest("Missing required parameter: grant_type."),
            _ => throw new ApiException(StatusCodes.Status400BadRequest, "unsupported_grant_type",
                "The authorization grant type is not supported by the authorization server."),
        };

        // RFC 6749 §5.1: token responses must not be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Results.Json(token, OAuthJsonContext.Default.TokenEntity);
    }

    private static async Task<TokenEntity> AuthorizationCodeAsync(
        HttpContext context, IGrainFactory grains, TimeProvider timeProvider, RequestBody body)
    {
        var app = await ClientAuthentication.AuthenticateAsync(grains, context.Request, body);
        var code = Required(body, "code");
        var redirectUri = Required(body, "redirect_uri");
        var grant = await grains.GetGrain<IAuthorizationCodeGrain>(AccessTokens.Hash(code))
            .RedeemAsync(app.ClientId, redirectUri, body.GetString("code_verifier"));
        if (grant is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid_grant",
                "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
        }

        return await TokenIssuer.IssueAsync(grains, timeProvider, grant.AccountId, app.ClientId, grant.Scopes);
    }

    private static async Task<TokenEntity> PasswordAsync(
        HttpContext context, IGrainFactory grains, TimeProvider timeProvider, RequestBody body)
    {
        var app = await ClientAuthentication.AuthenticateAsync(grains, context.Request, body);
        var username = Required(body, "username");
        var password = Required(body, "password");
        var scopes = GrantedScopes(app, body.GetString("scope"));
        var accountId = await PasswordLogin.VerifyAsync(grains, username, password);
        if (accountId is null)
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid_grant",
                "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.");
        }

        return await TokenIssuer.IssueAsync(grains, timeProvider, accountId, app.ClientId, scopes);
    }

    private static async Task<TokenEntity> ClientCredentialsAsync(
        HttpContext context, IGrainFactory grains, TimeProvider timeProvider, RequestBody body)
    {
        var app = await ClientAuthentication.AuthenticateAsync(grains, context.Request, body);
        var scopes = GrantedScopes(app, body.GetString("scope"));
        return await TokenIssuer.IssueAsync(grains, timeProvider, null, app.ClientId, scopes);
    }

    /// <summary>The requested scopes (Mastodon's default "read" if none), which must exist and be within the app's.</summary>
    public static string GrantedScopes(ClientApp app, string? requested)
    {
        var scopes = OAuthScopes.Parse(requested);
        if (!OAuthScopes.AllKnown(scopes.ToString()) || !OAuthScopes.Parse(app.Scopes).Covers(scopes))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid_scope",
                "The requested scope is invalid, unknown, or malformed.");
        }

        return scopes.ToString();
    }

    private static string Required(RequestBody body, string name)
    {
        var value = body.GetString(name);
        return string.IsNullOrEmpty(value) ? throw InvalidRequest($"Missing required parameter: {name}.") : value;
    }

    private static ApiException InvalidRequest(string description) =>
        new(StatusCodes.Status400BadRequest, "invalid_request", description);
}
