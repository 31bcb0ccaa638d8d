namespace Weft.GrainInterfaces.Accounts;

/// <summary>An account as the API renders it: the profile and its counters at one moment.</summary>
/// <param name="Profile">The profile.</param>
/// <param name="FollowersCount">Accounts following this one.</param>
/// <param name="FollowingCount">Accounts this one follows.</param>
/// <param name="StatusesCount">Statuses posted and not deleted (reblogs included, as Mastodon counts).</param>
/// <param name="LastStatusAt">When the newest status was posted, or null.</param>
/// <param name="Version">Increases whenever anything above changes; lets renderers cache.</param>
public sealed record AccountSnapshot(
    AccountProfile Profile,
    long FollowersCount,
    long FollowingCount,
    long StatusesCount,
    DateTimeOffset? LastStatusAt,
    long Version);
