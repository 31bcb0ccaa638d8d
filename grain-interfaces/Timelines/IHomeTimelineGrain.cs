using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Timelines;

/// <summary>
/// An account's home timeline: the newest 800 entries pushed by the fan-out, merged at read time with the recent
/// statuses of followed accounts too big to fan out. Rebuilt from the social store when its state is missing.
/// Keyed by account id.
/// </summary>
public interface IHomeTimelineGrain : IGrainWithIntegerKey
{
    /// <summary>The entries in the page's bounds, newest first.</summary>
    [ReadOnly]
    Task<TimelinePage> ReadAsync(PageRequest page);

    /// <summary>Inserts entries from the fan-out; entries already present are ignored.</summary>
    Task AddAsync(ImmutableArray<TimelineEntry> entries);

    /// <summary>Removes a status and any reblog entries of it.</summary>
    Task RemoveStatusAsync(long statusId);

    /// <summary>
    /// Merges the recent statuses of a followed account (new, or now showing its reblogs); with
    /// <paramref name="showReblogs"/> false, its reblogs are left out from now on and removed.
    /// </summary>
    Task MergeAuthorAsync(long authorId, bool showReblogs);

    /// <summary>Removes every entry by a no longer followed account (its statuses and its reblogs).</summary>
    Task RemoveAuthorAsync(long authorId);

    /// <summary>
    /// The members of the owner's exclusive lists changed: their statuses and reblogs stay out of this timeline from now
    /// on (and leave it now); accounts no longer excluded are merged back in.
    /// </summary>
    Task SetExcludedAuthorsAsync(ImmutableArray<long> accountIds);

    /// <summary>
    /// The owner's mutes changed: muted accounts' statuses, their reblogs and reblogs of their statuses stay out until
    /// each mute ends (and leave now); accounts unmuted are merged back in.
    /// </summary>
    Task SetMutesAsync(ImmutableArray<Accounts.Mute> mutes);
}
