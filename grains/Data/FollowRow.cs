namespace Weft.Grains.Data;

/// <summary>One follow, with the id it was given (followers and following lists page by it).</summary>
public readonly record struct FollowRow(long FollowId, long AccountId);
