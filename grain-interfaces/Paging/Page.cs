using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Paging;

/// <summary>One page of results, newest first, with the cursors a Link header needs.</summary>
/// <param name="Items">The items, newest first.</param>
/// <param name="NewestCursor">The cursor of the first item (for the "prev" link's min_id), or null if empty.</param>
/// <param name="OldestCursor">The cursor of the last item (for the "next" link's max_id), or null if empty.</param>
public sealed record Page<T>(ImmutableArray<T> Items, long? NewestCursor, long? OldestCursor)
{
    /// <summary>An empty page.</summary>
    public static Page<T> Empty { get; } = new(ImmutableArray<T>.Empty, null, null);
}
