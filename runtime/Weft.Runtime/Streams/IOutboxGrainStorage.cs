using Weft.Persistence;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// A grain storage that can write a grain's state and append stream events in one transaction (the outbox), when the
/// stream queue lives in the same database.
/// </summary>
public interface IOutboxGrainStorage : IGrainStorage
{
    /// <summary>
    /// Writes the state (conditional on <paramref name="etag"/>, as <see cref="IGrainStorage.WriteAsync"/>) and appends
    /// the events (as <see cref="IStreamQueue.AppendAsync"/>) atomically: both happen or neither does.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs; no event was appended.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="queue"/> is not in this storage's database.</exception>
    Task<OutboxWriteResult> WriteWithEventsAsync(
        GrainStateKey key,
        ReadOnlyMemory<byte> data,
        string? etag,
        IStreamQueue queue,
        StreamId streamId,
        IReadOnlyList<EncodedStreamEvent> events,
        CancellationToken cancellationToken);
}

/// <summary>The state's new ETag and the sequence of the last event appended.</summary>
public readonly record struct OutboxWriteResult(string Etag, long LastSequence);
