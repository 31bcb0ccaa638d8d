namespace Weft.GrainInterfaces.Auth;

/// <summary>
/// One access token. Keyed by the SHA-256 of the token (lower-case hex), so the token itself is never stored.
/// Checked on every authenticated request, so reads are served from memory.
/// </summary>
public interface IAccessTokenGrain : IGrainWithStringKey
{
    /// <summary>Stores the grant; returns false if a grant already exists under this hash.</summary>
    Task<bool> IssueAsync(TokenGrant grant);

    /// <summary>The grant, or null if unknown or revoked.</summary>
    [ReadOnly]
    ValueTask<TokenGrant?> GetAsync();

    /// <summary>Revokes the token if it belongs to <paramref name="clientId"/>; returns whether it was live.</summary>
    Task<bool> RevokeAsync(string clientId);
}
