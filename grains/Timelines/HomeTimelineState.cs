using Weft.GrainInterfaces.Timelines;

namespace Weft.Grains.Timelines;

/// <summary>What a home timeline stores (write-behind): its entries newest first, whether it was ever built, and when it was written.</summary>
public sealed class HomeTimelineState
{
    /// <summary>The entries, newest first, at most the configured capacity.</summary>
    public List<TimelineEntry> Entries { get; set; } = [];

    /// <summary>Whether the timeline was built from the store; until then the fan-out's entries are ignored (the first read builds it).</summary>
    public bool Built { get; set; }

    /// <summary>When the entries were last written; activation catches up from the store from a margin before this.</summary>
    public DateTimeOffset WrittenAt { get; set; }
}
