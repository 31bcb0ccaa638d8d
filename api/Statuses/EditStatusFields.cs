using System.Text.Json.Serialization;

namespace Weft.Api.Statuses;

/// <summary>The fields of PUT /api/v1/statuses/{id}, for the OpenAPI document; visibility and reply target cannot change.</summary>
public sealed record EditStatusFields
{
    /// <summary>The new text: at most 500 characters as Mastodon counts them.</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>The new content warning (it makes the status sensitive).</summary>
    [JsonPropertyName("spoiler_text")]
    public string? SpoilerText { get; init; }

    /// <summary>Whether the status is marked sensitive.</summary>
    [JsonPropertyName("sensitive")]
    public bool? Sensitive { get; init; }

    /// <summary>An ISO 639 language code; anything else is dropped.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }
}
