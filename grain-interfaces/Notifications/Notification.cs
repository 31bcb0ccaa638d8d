namespace Weft.GrainInterfaces.Notifications;

/// <summary>A notification for one account.</summary>
/// <param name="Id">Its id (a <see cref="Ids.SnowflakeId"/>).</param>
/// <param name="Type">What happened.</param>
/// <param name="FromAccountId">Who did it.</param>
/// <param name="StatusId">The status concerned (the mentioning status, the favourited one…), or null for a follow.</param>
/// <param name="CreatedAt">When it happened.</param>
public sealed record Notification(long Id, NotificationType Type, long FromAccountId, long? StatusId, DateTimeOffset CreatedAt);
