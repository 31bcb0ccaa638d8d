using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's NotificationGroup entity (GET /api/v2/notifications): notifications of one group key.</summary>
public sealed record NotificationGroup
{
    [JsonPropertyName("group_key")]
    public required string GroupKey { get; init; }

    /// <summary>How many notifications of the group the page holds.</summary>
    [JsonPropertyName("notifications_count")]
    public required int NotificationsCount { get; init; }

    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("most_recent_notification_id")]
    public required string MostRecentNotificationId { get; init; }

    [JsonPropertyName("page_min_id")]
    public required string PageMinId { get; init; }

    [JsonPropertyName("page_max_id")]
    public required string PageMaxId { get; init; }

    [JsonPropertyName("latest_page_notification_at")]
    public required string LatestPageNotificationAt { get; init; }

    /// <summary>Up to eight accounts behind the group, most recent first; each is in the results' accounts.</summary>
    [JsonPropertyName("sample_account_ids")]
    public required IReadOnlyList<string> SampleAccountIds { get; init; }

    /// <summary>The status concerned (in the results' statuses); absent for follows.</summary>
    [JsonPropertyName("status_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? StatusId { get; init; }
}
