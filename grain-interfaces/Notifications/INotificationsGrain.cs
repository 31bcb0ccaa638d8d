using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Notifications;

/// <summary>
/// An account's notifications, stored as rows in the social store. Adding is idempotent per
/// (type, from, status), so a redelivered event notifies once. Keyed by the recipient's account id.
/// </summary>
public interface INotificationsGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a notification unless the same (type, from, status) exists; self-notifications are dropped.</summary>
    Task AddAsync(NotificationType type, long fromAccountId, long? statusId);

    /// <summary>
    /// Tells the recipient's live streams of a notification stored with another write (a follow's, in its transaction);
    /// the stream's clients read it by its id.
    /// </summary>
    Task AnnounceAsync(long notificationId);

    /// <summary>
    /// Replaces the notification of (type, from, status), if any, with a new one: news of the latest occurrence (an
    /// edit) comes first again, and there is still one per status.
    /// </summary>
    Task RenewAsync(NotificationType type, long fromAccountId, long statusId);

    /// <summary>Notifications matching the query, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<Notification>> ListAsync(NotificationQuery query);

    /// <summary>One notification, or null.</summary>
    [ReadOnly]
    Task<Notification?> GetAsync(long notificationId);

    /// <summary>Removes one notification; false if it did not exist.</summary>
    Task<bool> DismissAsync(long notificationId);

    /// <summary>Removes every notification the query's filters and bounds match, whatever its limit (a dismissed group).</summary>
    Task DismissMatchingAsync(NotificationQuery query);

    /// <summary>Removes all notifications.</summary>
    Task ClearAsync();

    /// <summary>Removes notifications about a deleted status.</summary>
    Task RemoveForStatusAsync(long statusId);

    /// <summary>Removes the notification of (type, from, status), as its action was undone (an unreblog).</summary>
    Task RemoveAsync(NotificationType type, long fromAccountId, long? statusId);
}
