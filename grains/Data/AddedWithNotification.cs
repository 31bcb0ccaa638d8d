namespace Weft.Grains.Data;

/// <summary>
/// What an add that notifies wrote (<see cref="ISocialStore.AddFollowAsync"/>, <see cref="ISocialStore.AddMarkAsync"/>): the
/// row, and in its transaction the notification of it.
/// </summary>
/// <param name="Added">Whether the row was added (false: it existed already, and nothing was written).</param>
/// <param name="Notified">Whether the notification was added with it (false: none was asked for, or the same one is stored).</param>
public readonly record struct AddedWithNotification(bool Added, bool Notified);
