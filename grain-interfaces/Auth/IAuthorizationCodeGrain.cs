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

    /// <summary>
    /// Stores the grant behind the code with a PKCE challenge (RFC 7636, method S256: base64url of the verifier's
    /// SHA-256); redeeming it then needs the verifier. A null challenge is the same as <see cref="IssueAsync(TokenGrant)"/>.
    /// </summary>
    Task IssueAsync(TokenGrant grant, string? codeChallenge);

    /// <summary>
    /// Consumes the code like <see cref="RedeemAsync(string, string)"/>, and if it was issued with a PKCE challenge,
    /// also requires <paramref name="codeVerifier"/> to match it. Any attempt consumes the code.
    /// </summary>
    Task<TokenGrant?> RedeemAsync(string clientId, string redirectUri, string? codeVerifier);
}
