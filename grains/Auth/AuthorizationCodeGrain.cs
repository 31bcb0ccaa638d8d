using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Weft.GrainInterfaces.Auth;

namespace Weft.Grains.Auth;

/// <summary>
/// A one-time authorization code, keyed by the code's SHA-256. Redeeming clears the record whatever the outcome, so a
/// code can be tried once: a leaked code guessed against the wrong client or verifier is gone afterwards.
/// </summary>
public sealed class AuthorizationCodeGrain(
    [PersistentState("code", "Default")] IPersistentState<AuthorizationCodeState> code,
    TimeProvider timeProvider) : Grain, IAuthorizationCodeGrain
{
    /// <summary>How long a code may wait before it is redeemed (Mastodon's, and RFC 6749's recommended maximum).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public Task IssueAsync(TokenGrant grant) => IssueAsync(grant, null);

    public async Task IssueAsync(TokenGrant grant, string? codeChallenge)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (code.State.Grant is not null)
        {
            throw new InvalidOperationException("This authorization code was already issued.");
        }

        code.State.Grant = grant;
        code.State.IssuedAt = timeProvider.GetUtcNow();
        code.State.CodeChallenge = codeChallenge;
        await code.WriteStateAsync();
    }

    public Task<TokenGrant?> RedeemAsync(string clientId, string redirectUri) => RedeemAsync(clientId, redirectUri, null);

    public async Task<TokenGrant?> RedeemAsync(string clientId, string redirectUri, string? codeVerifier)
    {
        var grant = code.State.Grant;
        if (grant is null)
        {
            return null;
        }

        var valid = timeProvider.GetUtcNow() - code.State.IssuedAt <= Lifetime
            && string.Equals(grant.ClientId, clientId, StringComparison.Ordinal)
            && string.Equals(grant.RedirectUri, redirectUri, StringComparison.Ordinal)
            && VerifierMatches(code.State.CodeChallenge, codeVerifier);
        await code.ClearStateAsync();
        return valid ? grant : null;
    }

    // RFC 7636 §4.6: BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge.
    private static bool VerifierMatches(string? challenge, string? verifier)
    {
        if (challenge is null)
        {
            return true;
        }

        if (string.IsNullOrEmpty(verifier))
        {
            return false;
        }

        var computed = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(verifier))));
        return CryptographicOperations.FixedTimeEquals(computed, Encoding.ASCII.GetBytes(challenge));
    }
}
