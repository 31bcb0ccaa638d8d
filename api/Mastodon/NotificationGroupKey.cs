using System.Globalization;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;

namespace Weft.Api.Mastodon;

/// <summary>
/// A notification group's key (Mastodon's <c>group_key</c>), opaque to clients: favourites of one status, reblogs of one
/// status and follows group together within a 12-hour window (<c>favourite-&lt;status&gt;-&lt;window&gt;</c>,
/// <c>follow-&lt;window&gt;</c>); every other notification is a group of its own (<c>ungrouped-&lt;id&gt;</c>). Nothing
/// stores the keys: each one says which notifications it names, so the group endpoints read them back by query.
/// </summary>
public static class NotificationGroupKey
{
    private const long WindowSeconds = 12 * 60 * 60;

    // The last window whose ids a snowflake can hold.
    private const long MaxWindow = (long.MaxValue >> SnowflakeId.TimestampShift) / (WindowSeconds * 1000) - 1;
    private const string UngroupedPrefix = "ungrouped-";

    /// <summary>The key of the group <paramref name="notification"/> belongs to.</summary>
    public static string Of(GrainInterfaces.Notifications.Notification notification)
    {
        var window = (notification.CreatedAt.ToUnixTimeSeconds() / WindowSeconds).ToString(CultureInfo.InvariantCulture);
        return notification.Type switch
        {
            NotificationType.Favourite or NotificationType.Reblog when notification.StatusId is { } statusId =>
                NotificationRenderer.TypeName(notification.Type) + "-" + statusId.ToString(CultureInfo.InvariantCulture) + "-" + window,
            NotificationType.Follow => "follow-" + window,
            _ => Ungrouped(notification),
        };
    }

    /// <summary>The key of <paramref name="notification"/> as a group of its own (a type the client did not group).</summary>
    public static string Ungrouped(GrainInterfaces.Notifications.Notification notification) =>
        UngroupedPrefix + notification.Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The query for the notifications <paramref name="key"/> names, inside <paramref name="page"/>'s bounds; false for a
    /// key no notification can have.
    /// </summary>
    public static bool TryQuery(string key, PageRequest page, out NotificationQuery query, out NotificationType? groupedType)
    {
        query = null!;
        groupedType = null;
        if (key.StartsWith(UngroupedPrefix, StringComparison.Ordinal))
        {
            if (!SnowflakeId.TryParse(key.AsSpan(UngroupedPrefix.Length), out var id) || id == long.MaxValue)
            {
                return false;
            }

            query = new NotificationQuery(Within(page, id - 1, id + 1), [], [], null);
            return true;
        }

        var parts = key.Split('-');
        long window;
        long? statusId = null;
        if (parts is ["follow", var followWindow] && TryParsePositive(followWindow, out window))
        {
            groupedType = NotificationType.Follow;
        }
        else if (parts is [var typeName, var status, var statusWindow]
            && typeName is "favourite" or "reblog"
            && NotificationRenderer.TryParseType(typeName, out var type)
            && SnowflakeId.TryParse(status, out var parsedStatus)
            && TryParsePositive(statusWindow, out window))
        {
            groupedType = type;
            statusId = parsedStatus;
        }
        else
        {
            return false;
        }

        if (window > MaxWindow)
        {
            groupedType = null;
            return false;
        }

        // Notification ids are snowflakes, so the window is a range of ids.
        var first = SnowflakeId.MinimumFor(DateTimeOffset.FromUnixTimeSeconds(window * WindowSeconds));
        var next = SnowflakeId.MinimumFor(DateTimeOffset.FromUnixTimeSeconds((window + 1) * WindowSeconds));
        query = new NotificationQuery(Within(page, first - 1, next), [groupedType.Value], [], null, statusId);
        return true;
    }

    private static bool TryParsePositive(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    // The page's bounds narrowed to ids strictly between `after` and `before` (a min_id below `after` then reads
    // upwards from `after`, as the store takes the higher of since_id and min_id).
    private static PageRequest Within(PageRequest page, long after, long before) => page with
    {
        MaxId = page.MaxId is { } max && max < before ? max : before,
        SinceId = page.SinceId is { } since && since > after ? since : after,
    };
}
