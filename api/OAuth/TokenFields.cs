using System.Text.Json.Serialization;

namespace Weft.Api.OAuth;

/// <summary>The fields of POST /oauth/token (RFC 6749), for the OpenAPI document.</summary>
public sealed record TokenFields
{
    /// <summary>authorization_code, password or client_credentials.</summary>
    [JsonPropertyName("grant_type")]
    public required string GrantType { get; init; }

    /// <summary>The app's client_id (or HTTP Basic authentication instead).</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    /// <summary>The app's client_secret (or HTTP Basic authentication instead).</summary>
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>authorization_code: the code from /oauth/authorize.</summary>
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    /// <summary>authorization_code: the redirect URI the code was issued for.</summary>
    [JsonPropertyName("redirect_uri")]
    public string? RedirectUri { get; init; }

    /// <summary>authorization_code: the PKCE verifier, if the authorization sent a challenge.</summary>
    [JsonPropertyName("code_verifier")]
    public string? CodeVerifier { get; init; }

    /// <summary>password: the username or e-mail address.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    /// <summary>password: the password.</summary>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>password and client_credentials: the scopes asked for, space-separated, within the app's; "read" by default.</summary>
    [JsonPropertyName("scope")]
    public string? Scope { get; init; }
}
