namespace Weft.Api.Apps;

/// <summary>Mastodon's CredentialApplication entity: the answer of POST /api/v1/apps, the only time the secret is shown.</summary>
public sealed record CredentialApplicationEntity(
    string Id,
    string Name,
    string? Website,
    IReadOnlyList<string> Scopes,
    string RedirectUri,
    IReadOnlyList<string> RedirectUris,
    string ClientId,
    string ClientSecret,
    long ClientSecretExpiresAt);
