using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Markers;

/// <summary>
/// One user's read positions, per timeline ("home", "notifications"), so clients on several devices resume where the
/// user stopped. Keyed by account id.
/// </summary>
public interface IMarkersGrain : IGrainWithIntegerKey
{
    /// <summary>The markers set so far, by timeline name.</summary>
    [ReadOnly]
    Task<ImmutableDictionary<string, Marker>> GetAsync();

    /// <summary>The last id read in <paramref name="timeline"/>, or null if the user never set its marker.</summary>
    [ReadOnly]
    Task<long?> GetLastReadIdAsync(string timeline);

    /// <summary>Moves the named timelines' markers to these ids; returns every marker afterwards.</summary>
    Task<ImmutableDictionary<string, Marker>> SetAsync(ImmutableDictionary<string, long> lastReadIds);
}
