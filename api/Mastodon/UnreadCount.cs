using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>The answer of GET /api/v1/notifications/unread_count and /api/v2/notifications/unread_count.</summary>
public sealed record UnreadCount
{
    [JsonPropertyName("count")]
    public required int Count { get; init; }
}
