using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A media attachment; media upload is not built yet, so lists are empty.</summary>
public sealed record MediaAttachment
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("url")]
    public string? Url { get; init; }

    [JsonPropertyName("preview_url")]
    public string? PreviewUrl { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("blurhash")]
    public string? Blurhash { get; init; }
}
