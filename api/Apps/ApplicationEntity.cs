namespace Weft.Api.Apps;

/// <summary>Mastodon's Application entity as GET /api/v1/apps/verify_credentials shows it (no client secret).</summary>
public sealed record ApplicationEntity(
    string Id,
    string Name,
    string? Website,
    IReadOnlyList<string> Scopes,
    string RedirectUri,
    IReadOnlyList<string> RedirectUris);
