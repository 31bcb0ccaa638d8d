using System.Collections.Immutable;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Notifications;
using Weft.Grains.Data;
using Weft.Grains.Ids;

namespace Weft.Grains.Notifications;

/// <summary>
/// An account's notifications (key = recipient id): a thin layer over the social store's rows, which are unique per
/// (recipient, type, from, status), so a redelivered event notifies once. Holds no state, so calls may interleave.
/// </summary>
[Reentrant]
public sealed class NotificationsGrain(ISocialStore store, SnowflakeIdGenerator ids, ILiveFeed liveFeed) : Grain, INotificationsGrain
{
    private long Recipient => GetPrimaryKeyLong();

    public async Task AddAsync(NotificationType type, long fromAccountId, long? statusId)
    {
        if (await NotificationDrafts.ForAsync(GrainFactory, ids, Recipient, type, fromAccountId, statusId) is { } row
            && await store.AddNotificationAsync(row, CancellationToken.None))
        {
            await AnnounceAsync(row.Id);
        }
    }

    public Task AnnounceAsync(long notificationId)
    {
        liveFeed.Publish(LiveChannel.User(Recipient), new LiveEvent(LiveEventKind.Notification, notificationId));
        return Task.CompletedTask;
    }

    public async Task RenewAsync(NotificationType type, long fromAccountId, long statusId)
    {
        if (fromAccountId != Recipient)
        {
            await store.DeleteNotificationOfAsync(Recipient, type, fromAccountId, statusId, CancellationToken.None);
            await AddAsync(type, fromAccountId, statusId);
        }
    }

    public async Task<ImmutableArray<Notification>> ListAsync(NotificationQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = await store.ListNotificationsAsync(Recipient, query, CancellationToken.None);
        var notifications = ImmutableArray.CreateBuilder<Notification>(rows.Count);
        foreach (var row in rows)
        {
            notifications.Add(ToNotification(row));
        }

        return notifications.MoveToImmutable();
    }

    public async Task<Notification?> GetAsync(long notificationId) =>
        await store.GetNotificationAsync(Recipient, notificationId, CancellationToken.None) is { } row ? ToNotification(row) : null;

    public Task<bool> DismissAsync(long notificationId) => store.DeleteNotificationAsync(Recipient, notificationId, CancellationToken.None);

    public Task DismissMatchingAsync(NotificationQuery query) => store.DeleteNotificationsAsync(Recipient, query, CancellationToken.None);

    public Task ClearAsync() => store.ClearNotificationsAsync(Recipient, CancellationToken.None);

    public Task RemoveForStatusAsync(long statusId) => store.DeleteNotificationsForStatusAsync(Recipient, statusId, CancellationToken.None);

    public Task RemoveAsync(NotificationType type, long fromAccountId, long? statusId) =>
        store.DeleteNotificationOfAsync(Recipient, type, fromAccountId, statusId, CancellationToken.None);

    private static Notification ToNotification(NotificationRow row) =>
        new(row.Id, row.Type, row.FromAccountId, row.StatusId, SnowflakeId.GetTimestamp(row.Id));
}
