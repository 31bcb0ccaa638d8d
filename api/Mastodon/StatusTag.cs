using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Status::Tag: a hashtag used in a status.</summary>
public sealed record StatusTag
{
    /// <summary>The tag without '#', lower-cased.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
