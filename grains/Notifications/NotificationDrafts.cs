using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Notifications;
using Weft.Grains.Data;
using Weft.Grains.Ids;

namespace Weft.Grains.Notifications;

/// <summary>
/// Whether an action notifies, one rule for every writer: <see cref="NotificationsGrain"/>, and the grains that write a
/// notification in their own row's transaction (a follow's, a favourite's). Asked before that write, so a recipient's
/// account grain that cannot answer fails the action itself, with nothing written, for the client to retry.
/// </summary>
internal static class NotificationDrafts
{
    /// <summary>
    /// The notification of <paramref name="type"/> to <paramref name="recipientId"/>, or null when none is due: to oneself,
    /// or from an account whose notifications the recipient muted (asked of its account grain, from memory).
    /// </summary>
    public static async ValueTask<NotificationRow?> ForAsync(
        IGrainFactory grains, SnowflakeIdGenerator ids, long recipientId, NotificationType type, long fromAccountId, long? statusId)
    {
        if (fromAccountId == recipientId || fromAccountId <= 0
            || await grains.GetGrain<IAccountGrain>(recipientId).MutesNotificationsFromAsync(fromAccountId))
        {
            return null;
        }

        return new NotificationRow(ids.NextId(), recipientId, type, fromAccountId, statusId);
    }
}
