using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Queries;

/// <summary>
/// The public timeline: public, non-reblog statuses of every account, read from the social store's index.
/// Use key 0. Holds no state; reads interleave.
/// </summary>
public interface IPublicTimelineGrain : IGrainWithIntegerKey
{
    /// <summary>Status ids in the page's bounds, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<long>> ReadAsync(PageRequest page);
}
