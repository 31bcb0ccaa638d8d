using Weft.GrainInterfaces.Auth;

namespace Weft.Api.Auth;

/// <summary>What endpoint code asks about the caller.</summary>
public static class HttpContextAuthExtensions
{
    /// <summary>The token the request carried, or null if none.</summary>
    public static AuthenticatedToken? GetAuthenticatedToken(this HttpContext context) => context.Features.Get<AuthenticatedToken>();

    /// <summary>The grant behind the request's token, or null.</summary>
    public static TokenGrant? GetTokenGrant(this HttpContext context) => context.GetAuthenticatedToken()?.Grant;

    /// <summary>The raw token, or null.</summary>
    public static string? GetAccessToken(this HttpContext context) => context.GetAuthenticatedToken()?.Token;

    /// <summary>The acting user's account id; null when anonymous or for an app-only token.</summary>
    public static long? GetAccountId(this HttpContext context) => context.GetAuthenticatedToken()?.Grant.AccountId;

    /// <summary>The viewer for visibility checks: the account id, or 0 when anonymous.</summary>
    public static long GetViewerId(this HttpContext context) => context.GetAccountId() ?? 0;

    /// <summary>The acting user's account id; only valid behind <see cref="ScopeEndpointExtensions.RequireScope"/>.</summary>
    public static long RequireAccountId(this HttpContext context) =>
        context.GetAccountId() ?? throw new InvalidOperationException("The endpoint is missing RequireScope.");
}
