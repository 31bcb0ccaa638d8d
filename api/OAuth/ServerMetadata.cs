namespace Weft.Api.OAuth;

/// <summary>OAuth 2.0 authorization server metadata (RFC 8414), served at /.well-known/oauth-authorization-server.</summary>
public sealed record ServerMetadata(
    string Issuer,
    string ServiceDocumentation,
    string AuthorizationEndpoint,
    string TokenEndpoint,
    string RevocationEndpoint,
    string AppRegistrationEndpoint,
    IReadOnlyList<string> ScopesSupported,
    IReadOnlyList<string> ResponseTypesSupported,
    IReadOnlyList<string> ResponseModesSupported,
    IReadOnlyList<string> GrantTypesSupported,
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    IReadOnlyList<string> CodeChallengeMethodsSupported);
