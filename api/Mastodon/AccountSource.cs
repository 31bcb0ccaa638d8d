using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>The plain-text profile and posting defaults, shown only to the account itself.</summary>
public sealed record AccountSource
{
    /// <summary>The default visibility of new statuses.</summary>
    [JsonPropertyName("privacy")]
    public required string Privacy { get; init; }

    [JsonPropertyName("sensitive")]
    public bool Sensitive { get; init; }

    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>The profile text as written (plain text).</summary>
    [JsonPropertyName("note")]
    public required string Note { get; init; }

    [JsonPropertyName("fields")]
    public IReadOnlyList<Field> Fields { get; init; } = [];

    [JsonPropertyName("follow_requests_count")]
    public long FollowRequestsCount { get; init; }

    [JsonPropertyName("hide_collections")]
    public bool HideCollections { get; init; }

    [JsonPropertyName("discoverable")]
    public bool Discoverable { get; init; }

    [JsonPropertyName("indexable")]
    public bool Indexable { get; init; }
}
