using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A link preview; not built yet, so always null.</summary>
public sealed record PreviewCard
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    [JsonPropertyName("description")]
    public required string Description { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }
}
