using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A poll; not built yet, so always null.</summary>
public sealed record Poll
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("expired")]
    public bool Expired { get; init; }

    [JsonPropertyName("multiple")]
    public bool Multiple { get; init; }

    [JsonPropertyName("votes_count")]
    public long VotesCount { get; init; }
}
