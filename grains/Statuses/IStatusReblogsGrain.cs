namespace Weft.Grains.Statuses;

/// <summary>
/// Bookkeeping between a status and its reblogs, implemented by the status grain (same grain as <c>IStatusGrain</c>).
/// Kept out of grain-interfaces because only grains call it.
/// </summary>
public interface IStatusReblogsGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The reblog <paramref name="reblogId"/> by <paramref name="accountId"/> was deleted; forget it if it is still the
    /// account's current reblog. Memory only, never calls out, so it interleaves (the reblog may be deleted while this
    /// grain awaits it).
    /// </summary>
    [AlwaysInterleave]
    Task ReblogRemovedAsync(long reblogId, long accountId);
}
