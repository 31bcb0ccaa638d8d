using System.Text.Json.Serialization;

namespace Weft.Api.OAuth;

/// <summary>The fields of POST /oauth/revoke (RFC 7009), for the OpenAPI document.</summary>
public sealed record RevokeFields
{
    /// <summary>The app's client_id (or HTTP Basic authentication instead).</summary>
    [JsonPropertyName("client_id")]
    public string? ClientId { get; init; }

    /// <summary>The app's client_secret (or HTTP Basic authentication instead).</summary>
    [JsonPropertyName("client_secret")]
    public string? ClientSecret { get; init; }

    /// <summary>The access token to revoke.</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }
}
