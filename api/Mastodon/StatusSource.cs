using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's StatusSource entity: a status's text as written, for editing.</summary>
public sealed record StatusSource
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("text")]
    public required string Text { get; init; }

    [JsonPropertyName("spoiler_text")]
    public required string SpoilerText { get; init; }
}
