using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;

namespace Weft.Grains.Timelines;

/// <summary>
/// The recent statuses of one big author (key = author id), in memory: home timelines of its followers merge them at
/// read time instead of receiving them from the fan-out. Loaded from the social store on activation, then fed by the
/// author's fan-out. Holds what every follower may see (no direct statuses: those are pushed to their recipients).
/// </summary>
public interface IAuthorFeedGrain : IGrainWithIntegerKey
{
    /// <summary>The entries in the page's bounds, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<TimelineEntry>> ReadAsync(PageRequest page);

    /// <summary>Adds entries from the fan-out; present ones are ignored.</summary>
    Task AddAsync(ImmutableArray<TimelineEntry> entries);

    /// <summary>Removes a deleted status.</summary>
    Task RemoveStatusAsync(long statusId);
}
