using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's StatusEdit entity: one version of a status's content in its history.</summary>
public sealed record StatusEditEntity
{
    [JsonPropertyName("content")]
    public required string Content { get; init; }

    [JsonPropertyName("spoiler_text")]
    public required string SpoilerText { get; init; }

    [JsonPropertyName("sensitive")]
    public required bool Sensitive { get; init; }

    [JsonPropertyName("created_at")]
    public required string CreatedAt { get; init; }

    [JsonPropertyName("account")]
    public required Account Account { get; init; }

    [JsonPropertyName("poll")]
    public Poll? Poll { get; init; }

    [JsonPropertyName("media_attachments")]
    public IReadOnlyList<MediaAttachment> MediaAttachments { get; init; } = [];

    [JsonPropertyName("emojis")]
    public IReadOnlyList<CustomEmoji> Emojis { get; init; } = [];
}
