using System.Collections.Immutable;
using System.Globalization;
using Weft.GrainInterfaces.Notifications;

namespace Weft.Api.Mastodon;

/// <summary>Renders notifications for their recipient; one whose account or status is gone is left out, as Mastodon does.</summary>
public sealed class NotificationRenderer(AccountRenderer accounts, StatusRenderer statuses)
{
    public async ValueTask<Notification?> RenderAsync(GrainInterfaces.Notifications.Notification notification, long recipientId, string origin)
    {
        var account = await accounts.LoadAsync(notification.FromAccountId, origin).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        Status? status = null;
        if (notification.StatusId is { } statusId)
        {
            status = await statuses.LoadAsync(statusId, recipientId, origin).ConfigureAwait(false);
            if (status is null)
            {
                return null;
            }
        }

        var id = notification.Id.ToString(CultureInfo.InvariantCulture);
        return new Notification
        {
            Id = id,
            Type = TypeName(notification.Type),
            CreatedAt = MastodonDates.Timestamp(notification.CreatedAt),
            GroupKey = GroupKey(notification),
            Account = account,
            Status = status,
        };
    }

    public async ValueTask<List<Notification>> RenderManyAsync(ImmutableArray<GrainInterfaces.Notifications.Notification> notifications, long recipientId, string origin)
    {
        var pending = new ValueTask<Notification?>[notifications.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = RenderAsync(notifications[i], recipientId, origin);
        }

        var rendered = new List<Notification>(pending.Length);
        foreach (var task in pending)
        {
            if ((task.IsCompletedSuccessfully ? task.Result : await task.ConfigureAwait(false)) is { } notification)
            {
                rendered.Add(notification);
            }
        }

        return rendered;
    }

    // Mastodon groups favourites and reblogs of one status, and follows, that fall in the same 12-hour window.
    private const long GroupingWindowSeconds = 12 * 60 * 60;

    /// <summary>
    /// The notification's group: favourites of one status, reblogs of one status and follows group together within a
    /// 12-hour window; every other notification is a group of its own. Opaque to clients.
    /// </summary>
    public static string GroupKey(GrainInterfaces.Notifications.Notification notification)
    {
        var window = (notification.CreatedAt.ToUnixTimeSeconds() / GroupingWindowSeconds).ToString(CultureInfo.InvariantCulture);
        return notification.Type switch
        {
            NotificationType.Favourite or NotificationType.Reblog when notification.StatusId is { } statusId =>
                TypeName(notification.Type) + "-" + statusId.ToString(CultureInfo.InvariantCulture) + "-" + window,
            NotificationType.Follow => "follow-" + window,
            _ => UngroupedKey(notification),
        };
    }

    /// <summary>The key of a notification that is a group of its own.</summary>
    public static string UngroupedKey(GrainInterfaces.Notifications.Notification notification) =>
        "ungrouped-" + notification.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Mastodon's name for a notification type.</summary>
    public static string TypeName(NotificationType type) => type switch
    {
        NotificationType.Follow => "follow",
        NotificationType.Favourite => "favourite",
        NotificationType.Reblog => "reblog",
        NotificationType.Status => "status",
        _ => "mention",
    };

    /// <summary>Parses Mastodon's notification type names; false for types Weft does not produce.</summary>
    public static bool TryParseType(string name, out NotificationType type)
    {
        switch (name)
        {
            case "follow": type = NotificationType.Follow; return true;
            case "favourite": type = NotificationType.Favourite; return true;
            case "reblog": type = NotificationType.Reblog; return true;
            case "mention": type = NotificationType.Mention; return true;
            case "status": type = NotificationType.Status; return true;
            default: type = default; return false;
        }
    }
}
