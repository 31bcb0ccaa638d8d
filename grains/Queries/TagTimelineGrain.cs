using System.Collections.Immutable;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Reads hashtag timelines from the social store.</summary>
public sealed class TagTimelineGrain(ISocialStore store) : Grain, ITagTimelineGrain
{
    public async Task<ImmutableArray<long>> ReadAsync(TagTimelineQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return [.. await store.ListTaggedStatusesAsync(query.Any, query.All, query.None, query.Page, CancellationToken.None)];
    }
}
