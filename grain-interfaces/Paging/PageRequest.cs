namespace Weft.GrainInterfaces.Paging;

/// <summary>
/// Mastodon's id-based paging. Results are newest first. <see cref="MaxId"/> and <see cref="SinceId"/> bound the ids
/// exclusively from above and below; <see cref="MinId"/> also bounds from below but returns the page immediately
/// newer than it (the oldest ids above it) rather than the newest ones.
/// </summary>
public sealed record PageRequest(long? MaxId, long? SinceId, long? MinId, int Limit)
{
    /// <summary>The newest page of <paramref name="limit"/> items.</summary>
    public static PageRequest Newest(int limit) => new(null, null, null, limit);

    /// <summary>Whether an id lies inside the bounds.</summary>
    public bool Contains(long id) =>
        (MaxId is not { } max || id < max) && (SinceId is not { } since || id > since) && (MinId is not { } min || id > min);

    /// <summary>
    /// This page of items held in memory, <paramref name="newestFirst"/> (descending by <paramref name="cursorOf"/>):
    /// those inside the bounds, the newest <see cref="Limit"/> of them, or with <see cref="MinId"/> the ones nearest it.
    /// </summary>
    public List<T> Take<T>(IEnumerable<T> newestFirst, Func<T, long> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        ArgumentNullException.ThrowIfNull(cursorOf);
        var inBounds = newestFirst.Where(item => Contains(cursorOf(item)));
        return MinId is not null ? [.. inBounds.Reverse().Take(Limit).Reverse()] : [.. inBounds.Take(Limit)];
    }
}
