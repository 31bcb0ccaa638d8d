namespace Weft.Grains.Data;

/// <summary>A follower, as fan-out pages them: whether it asked to be notified of the followee's statuses comes along.</summary>
public readonly record struct FollowerRow(long AccountId, bool Notify);
