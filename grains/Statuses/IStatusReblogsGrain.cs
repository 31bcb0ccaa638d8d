using Weft.GrainInterfaces.Statuses;

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

    /// <summary>
    /// Deletes this reblog for its author <paramref name="actorId"/> (the original's unreblog). Interleaves: the
    /// reblog's grain may be inside a turn that awaits the original (a forwarded reblog or favourite) while the
    /// original awaits this, and waiting for that turn would deadlock both. Deleting changes state before its first
    /// await, so an interleaved delete and a running one cannot both delete.
    /// </summary>
    [AlwaysInterleave]
    Task<StatusActionResult> DeleteReblogAsync(long actorId);
}
