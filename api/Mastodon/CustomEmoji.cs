using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A custom emoji; Weft has none yet, so lists are empty.</summary>
public sealed record CustomEmoji
{
    [JsonPropertyName("shortcode")]
    public required string Shortcode { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("static_url")]
    public required string StaticUrl { get; init; }

    [JsonPropertyName("visible_in_picker")]
    public bool VisibleInPicker { get; init; }

    [JsonPropertyName("category")]
    public string? Category { get; init; }
}
