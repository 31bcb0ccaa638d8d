using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A role shown on a profile (Mastodon's AccountRole); Weft has none yet, so lists are empty.</summary>
public sealed record AccountRole
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("color")]
    public required string Color { get; init; }
}
