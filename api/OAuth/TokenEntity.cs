namespace Weft.Api.OAuth;

/// <summary>Mastodon's Token entity: the answer of POST /oauth/token and POST /api/v1/accounts.</summary>
/// <param name="AccessToken">The bearer token.</param>
/// <param name="TokenType">Always "Bearer".</param>
/// <param name="Scope">The granted scopes, space-separated.</param>
/// <param name="CreatedAt">When it was issued, in Unix seconds.</param>
public sealed record TokenEntity(string AccessToken, string TokenType, string Scope, long CreatedAt);
