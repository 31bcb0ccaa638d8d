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
            GroupKey = NotificationGroupKey.Of(notification),
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

    /// <summary>Mastodon's name for a notification type.</summary>
    public static string TypeName(NotificationType type) => type switch
    {
        NotificationType.Follow => "follow",
        NotificationType.Favourite => "favourite",
        NotificationType.Reblog => "reblog",
        NotificationType.Status => "status",
        NotificationType.Update => "update",
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
            case "update": type = NotificationType.Update; return true;
            default: type = default; return false;
        }
    }
}
