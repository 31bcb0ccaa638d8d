using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Tag: a hashtag, its page and usage. Usage history is not counted yet, so it is always empty.</summary>
public sealed record Tag
{
    /// <summary>The tag without '#', lower-cased.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("history")]
    public IReadOnlyList<TagHistory> History { get; init; } = [];

    /// <summary>Whether the user follows the tag (tags cannot be followed yet); left out for anonymous callers, as Mastodon does.</summary>
    [JsonPropertyName("following")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Following { get; init; }
}
