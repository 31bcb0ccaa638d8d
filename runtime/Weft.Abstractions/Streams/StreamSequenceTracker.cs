namespace Weft.Streams;

/// <summary>
/// Drops duplicate deliveries: remembers the highest sequence number accepted per stream. Keep it in the consumer
/// grain's persistent state and write it together with the effects of the events, so a redelivery after a crash is
/// recognised. Events of one stream arrive in order, so a high-water mark per stream is enough.
/// </summary>
public sealed class StreamSequenceTracker
{
    /// <summary>Highest accepted sequence per stream, keyed <c>namespace/key</c>. Public for serialization.</summary>
    public Dictionary<string, long> Accepted { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Returns true (and records it) if the event is new; false if it was accepted before.</summary>
    public bool TryAccept<T>(StreamEvent<T> streamEvent)
    {
        var key = streamEvent.StreamId.ToString();
        if (Accepted.TryGetValue(key, out var last) && streamEvent.Sequence <= last)
        {
            return false;
        }

        Accepted[key] = streamEvent.Sequence;
        return true;
    }
}
