using System.Text.Json.Serialization;

namespace Weft.Api.Apps;

/// <summary>The fields of POST /api/v1/apps, for the OpenAPI document (the handler reads them through <c>RequestBody</c>).</summary>
public sealed record CreateAppFields
{
    /// <summary>The application's name, at most 60 characters.</summary>
    [JsonPropertyName("client_name")]
    public required string ClientName { get; init; }

    /// <summary>Where the user is sent after authorizing: absolute URIs (or urn:ietf:wg:oauth:2.0:oob), separated by whitespace, or an array.</summary>
    [JsonPropertyName("redirect_uris")]
    public required string RedirectUris { get; init; }

    /// <summary>The scopes the app may ask for, space-separated; "read" by default.</summary>
    [JsonPropertyName("scopes")]
    public string? Scopes { get; init; }

    /// <summary>The application's home page (http or https).</summary>
    [JsonPropertyName("website")]
    public string? Website { get; init; }
}
