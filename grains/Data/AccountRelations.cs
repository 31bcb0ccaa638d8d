namespace Weft.Grains.Data;

/// <summary>
/// What an account grain keeps in memory about its account: whom it follows (in id order, with the follows' settings),
/// how many follow it, how many statuses it has and its newest status's id (null if none).
/// </summary>
public sealed record AccountRelations(IReadOnlyList<FolloweeRow> Followees, long FollowersCount, long StatusesCount, long? NewestStatusId);
