namespace Weft.GrainInterfaces.Auth;

/// <summary>A registered OAuth client application (Mastodon's POST /api/v1/apps).</summary>
/// <param name="Id">Its id (a <see cref="Ids.SnowflakeId"/>).</param>
/// <param name="ClientId">The public client id.</param>
/// <param name="Name">The application's name.</param>
/// <param name="RedirectUris">Allowed redirect URIs, space-separated in Mastodon's form.</param>
/// <param name="Scopes">Scopes the app may request, space-separated.</param>
/// <param name="Website">The app's website, or null.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ClientApp(
    long Id,
    string ClientId,
    string Name,
    string RedirectUris,
    string Scopes,
    string? Website,
    DateTimeOffset CreatedAt);
