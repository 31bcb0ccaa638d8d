using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>
/// A profile metadata field: the name as plain text, the value as HTML in an account (links made, as Mastodon's) and as
/// plain text in its source; never verified (no rel="me" checks).
/// </summary>
public sealed record Field
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("verified_at")]
    public string? VerifiedAt { get; init; }
}
