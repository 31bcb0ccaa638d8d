using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>What an access token grain stores: the grant, and whether it was revoked.</summary>
public sealed class AccessTokenState
{
    public TokenGrant? Grant { get; set; }

    public bool Revoked { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}
