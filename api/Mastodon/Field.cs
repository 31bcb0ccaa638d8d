using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A profile metadata field (name/value pair); Weft has none yet, so lists are empty.</summary>
public sealed record Field
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("value")]
    public required string Value { get; init; }

    [JsonPropertyName("verified_at")]
    public string? VerifiedAt { get; init; }
}
