using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Reads the public timeline from the social store.</summary>
public sealed class PublicTimelineGrain(ISocialStore store) : Grain, IPublicTimelineGrain
{
    public async Task<ImmutableArray<long>> ReadAsync(PageRequest page) =>
        [.. await store.ListPublicStatusesAsync(page, CancellationToken.None)];
}
