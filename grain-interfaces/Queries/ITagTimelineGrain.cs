using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Queries;

/// <summary>
/// Hashtag timelines: public, non-reblog statuses by their tags, read from the social store's index.
/// Use key 0. Holds no state; reads interleave.
/// </summary>
public interface ITagTimelineGrain : IGrainWithIntegerKey
{
    /// <summary>Status ids matching the query in its page's bounds, newest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<long>> ReadAsync(TagTimelineQuery query);
}
