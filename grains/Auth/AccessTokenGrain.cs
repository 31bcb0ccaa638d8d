using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>
/// One access token, keyed by the token's SHA-256. Every authenticated request asks it, so <see cref="GetAsync"/>
/// answers from memory without awaiting. A revoked token keeps its record, so its hash can never be issued again.
/// </summary>
public sealed class AccessTokenGrain(
    [PersistentState("token", "Default")] IPersistentState<AccessTokenState> token,
    TimeProvider timeProvider) : Grain, IAccessTokenGrain
{
    public async Task<bool> IssueAsync(TokenGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (token.State.Grant is not null)
        {
            return false;
        }

        token.State.Grant = grant;
        token.State.Revoked = false;
        await token.WriteStateAsync();
        return true;
    }

    public ValueTask<TokenGrant?> GetAsync()
    {
        var grant = token.State.Revoked ? null : token.State.Grant;
        return ValueTask.FromResult(grant);
    }

    public async Task<bool> RevokeAsync(string clientId)
    {
        var grant = token.State.Grant;
        if (grant is null || token.State.Revoked || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
        {
            return false;
        }

        token.State.Revoked = true;
        token.State.RevokedAt = timeProvider.GetUtcNow();
        await token.WriteStateAsync();
        return true;
    }
}
