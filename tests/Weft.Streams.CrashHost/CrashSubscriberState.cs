namespace Weft.Streams.CrashHost;

/// <summary>
/// What a subscriber has accepted, stored in <c>weft.grain_state</c> on PostgreSQL or <c>grain_state</c> in the SQLite
/// file (type <c>crashsubscriber</c>, state <c>received</c>) as UTF-8 JSON the tests read straight from the table.
/// </summary>
public sealed class CrashSubscriberState
{
    /// <summary>The highest sequence accepted per stream; written in the same state write as <see cref="Received"/>.</summary>
    public StreamSequenceTracker Tracker { get; set; } = new();

    /// <summary>Every sequence accepted, per stream (<c>namespace/key</c>), in the order accepted. A list, not a set, so a duplicate that got past the tracker would show.</summary>
    public Dictionary<string, List<long>> Received { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Redelivered events the tracker dropped; written with the next state write (informational).</summary>
    public long DuplicatesDropped { get; set; }
}
