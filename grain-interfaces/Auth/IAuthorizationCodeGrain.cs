namespace Weft.GrainInterfaces.Auth;

/// <summary>A one-time OAuth authorization code, valid for 10 minutes. Keyed by the SHA-256 of the code (lower-case hex).</summary>
public interface IAuthorizationCodeGrain : IGrainWithStringKey
{
    /// <summary>Stores the grant behind the code.</summary>
    Task IssueAsync(TokenGrant grant);

    /// <summary>
    /// Consumes the code: returns the grant if it exists, has not expired or been used, and was issued to
    /// <paramref name="clientId"/> for <paramref name="redirectUri"/>; otherwise null. A second redemption always fails.
    /// </summary>
    Task<TokenGrant?> RedeemAsync(string clientId, string redirectUri);
}
