using Weft.GrainInterfaces.Auth;

namespace Weft.Api.Auth;

/// <summary>The bearer token a request carried and what it grants; set as a request feature by <see cref="BearerTokenMiddleware"/>.</summary>
/// <param name="Token">The token as sent.</param>
/// <param name="Grant">What it stands for.</param>
/// <param name="Scopes">The granted scopes, parsed once.</param>
public sealed record AuthenticatedToken(string Token, TokenGrant Grant, OAuthScopes Scopes);
