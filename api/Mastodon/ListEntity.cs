using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's List entity: a user's list of followed accounts.</summary>
public sealed record ListEntity
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>followed, list or none: which replies the list's timeline shows.</summary>
    [JsonPropertyName("replies_policy")]
    public required string RepliesPolicy { get; init; }

    /// <summary>Whether the members' statuses stay out of the home timeline.</summary>
    [JsonPropertyName("exclusive")]
    public required bool Exclusive { get; init; }
}
