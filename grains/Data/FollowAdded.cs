namespace Weft.Grains.Data;

/// <summary>What <see cref="ISocialStore.AddFollowAsync"/> wrote: the follow, and with it the followee's notification.</summary>
/// <param name="Followed">Whether the follow was added (false: it existed already, and nothing was written).</param>
/// <param name="Notified">Whether the notification was added with it (false: none was asked for, or one is stored already).</param>
public readonly record struct FollowAdded(bool Followed, bool Notified);
