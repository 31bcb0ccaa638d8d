namespace Weft.GrainInterfaces.Auth;

/// <summary>What an access token or authorization code stands for.</summary>
/// <param name="AccountId">The user it acts for, or null for an app-only (client_credentials) token.</param>
/// <param name="ClientId">The app it was issued to.</param>
/// <param name="Scopes">Granted scopes, space-separated (read, write, follow, push and read:… sub-scopes).</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RedirectUri">For an authorization code, the redirect URI it was issued for; otherwise null.</param>
public sealed record TokenGrant(long? AccountId, string ClientId, string Scopes, DateTimeOffset CreatedAt, string? RedirectUri = null);
