using Weft.Api.Auth;
using Weft.GrainInterfaces.Auth;

namespace Weft.Api.OAuth;

/// <summary>Issues access tokens: a random token for the client, and only its hash stored, as the key of its grain.</summary>
public static class TokenIssuer
{
    /// <summary>Issues a token for <paramref name="accountId"/> (null: app-only) and answers it as Mastodon's Token entity.</summary>
    public static async Task<TokenEntity> IssueAsync(
        IGrainFactory grains, TimeProvider timeProvider, long? accountId, string clientId, string scopes)
    {
        var now = timeProvider.GetUtcNow();
        var grant = new TokenGrant(accountId, clientId, scopes, now);

        // 256 random bits never collide in practice; the grain refuses a second grant under one hash all the same.
        while (true)
        {
            var token = AccessTokens.Create();
            if (await grains.GetGrain<IAccessTokenGrain>(AccessTokens.Hash(token)).IssueAsync(grant))
            {
                return new TokenEntity(token, "Bearer", scopes, now.ToUnixTimeSeconds());
            }
        }
    }
}
