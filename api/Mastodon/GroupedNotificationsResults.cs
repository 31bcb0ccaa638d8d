using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's GroupedNotificationsResults entity: the groups of a page and, once each, what they refer to.</summary>
public sealed record GroupedNotificationsResults
{
    [JsonPropertyName("accounts")]
    public required IReadOnlyList<Account> Accounts { get; init; }

    [JsonPropertyName("statuses")]
    public required IReadOnlyList<Status> Statuses { get; init; }

    /// <summary>
    /// With <c>expand_accounts=partial_avatars</c>: the groups' other sample accounts, in short (then
    /// <see cref="Accounts"/> holds only each group's most recent one); absent otherwise, as in Mastodon.
    /// </summary>
    [JsonPropertyName("partial_accounts")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PartialAccountWithAvatar>? PartialAccounts { get; init; }

    [JsonPropertyName("notification_groups")]
    public required IReadOnlyList<NotificationGroup> NotificationGroups { get; init; }
}
