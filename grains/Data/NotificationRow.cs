using Weft.GrainInterfaces.Notifications;

namespace Weft.Grains.Data;

/// <summary>A stored notification: for <paramref name="RecipientId"/>, unique per (recipient, type, from, status).</summary>
public sealed record NotificationRow(long Id, long RecipientId, NotificationType Type, long FromAccountId, long? StatusId);
