using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Preferences entity: the account's posting defaults, and reading preferences kept at Mastodon's defaults.</summary>
public sealed record Preferences
{
    [JsonPropertyName("posting:default:visibility")]
    public required string DefaultVisibility { get; init; }

    [JsonPropertyName("posting:default:sensitive")]
    public required bool DefaultSensitive { get; init; }

    [JsonPropertyName("posting:default:language")]
    public string? DefaultLanguage { get; init; }

    [JsonPropertyName("reading:expand:media")]
    public string ExpandMedia { get; init; } = "default";

    [JsonPropertyName("reading:expand:spoilers")]
    public bool ExpandSpoilers { get; init; }
}
