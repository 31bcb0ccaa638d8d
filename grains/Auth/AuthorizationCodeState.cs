using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>What an authorization code grain stores until the code is redeemed (then the record is cleared).</summary>
public sealed class AuthorizationCodeState
{
    public TokenGrant? Grant { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The PKCE S256 challenge (base64url of the verifier's SHA-256), or null if the client sent none.</summary>
    public string? CodeChallenge { get; set; }
}
