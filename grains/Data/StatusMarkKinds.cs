using Weft.GrainInterfaces.Notifications;

namespace Weft.Grains.Data;

/// <summary>What a mark tells its status's author.</summary>
public static class StatusMarkKinds
{
    /// <summary>The notification a mark of this kind sends (favourites only; a bookmark is private to its owner).</summary>
    public static NotificationType NotificationType(this StatusMarkKind kind) => kind switch
    {
        StatusMarkKind.Favourite => GrainInterfaces.Notifications.NotificationType.Favourite,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "This kind of mark notifies no one."),
    };
}
