using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Search entity (GET /api/v2/search).</summary>
public sealed record SearchResults
{
    [JsonPropertyName("accounts")]
    public required IReadOnlyList<Account> Accounts { get; init; }

    /// <summary>Always empty: statuses are not searchable yet (as on a Mastodon server without Elasticsearch, mostly).</summary>
    [JsonPropertyName("statuses")]
    public required IReadOnlyList<Status> Statuses { get; init; }

    /// <summary>Hashtags in use that start with the query.</summary>
    [JsonPropertyName("hashtags")]
    public required IReadOnlyList<Tag> Hashtags { get; init; }
}
