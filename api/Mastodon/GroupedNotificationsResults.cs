using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's GroupedNotificationsResults entity: the groups of a page and, once each, what they refer to.</summary>
public sealed record GroupedNotificationsResults
{
    [JsonPropertyName("accounts")]
    public required IReadOnlyList<Account> Accounts { get; init; }

    [JsonPropertyName("statuses")]
    public required IReadOnlyList<Status> Statuses { get; init; }

    [JsonPropertyName("notification_groups")]
    public required IReadOnlyList<NotificationGroup> NotificationGroups { get; init; }
}
