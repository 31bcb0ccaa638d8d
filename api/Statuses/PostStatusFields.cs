using System.Text.Json.Serialization;

namespace Weft.Api.Statuses;

/// <summary>The fields of POST /api/v1/statuses, for the OpenAPI document (the handler reads them through <c>RequestBody</c>).</summary>
public sealed record PostStatusFields
{
    /// <summary>The text: at most 500 characters as Mastodon counts them (every URL counts 23).</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>A content warning shown instead of the text until expanded.</summary>
    [JsonPropertyName("spoiler_text")]
    public string? SpoilerText { get; init; }

    /// <summary>public (the default), unlisted, private or direct.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }

    /// <summary>The id of the status this replies to.</summary>
    [JsonPropertyName("in_reply_to_id")]
    public string? InReplyToId { get; init; }

    /// <summary>Whether the status is marked sensitive.</summary>
    [JsonPropertyName("sensitive")]
    public bool? Sensitive { get; init; }

    /// <summary>An ISO 639 language code; anything else is dropped.</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>Not supported yet: any id is refused with 422.</summary>
    [JsonPropertyName("media_ids")]
    public IReadOnlyList<string>? MediaIds { get; init; }

    /// <summary>Not supported yet: a poll is refused with 422.</summary>
    [JsonPropertyName("poll")]
    public object? Poll { get; init; }

    /// <summary>Not supported yet: a time is refused with 422.</summary>
    [JsonPropertyName("scheduled_at")]
    public string? ScheduledAt { get; init; }
}
