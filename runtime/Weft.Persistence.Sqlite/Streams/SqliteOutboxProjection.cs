using Microsoft.Data.Sqlite;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.Sqlite.Streams;

/// <summary>
/// An <see cref="OutboxProjection"/> of SQLite queues: its rows are written in the transaction that appends their events
/// (with the outbox's state write, when there is one), after the events. Derive from
/// <see cref="SqliteOutboxProjection{TRow}"/> and register it as a singleton of this type; the queue picks it up.
/// </summary>
public abstract class SqliteOutboxProjection : OutboxProjection
{
    // Only the generic class below derives from this one: the queue keeps its rows without knowing their type.
    private protected SqliteOutboxProjection(string streamNamespace)
        : base(streamNamespace)
    {
    }

    /// <summary>Called by the appender before it takes the file's write gate: the rows of its events, or null for none.</summary>
    internal abstract ValueTask<ProjectedRows?> ProjectRowsAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken);

    /// <summary>One append's rows, typed by the projection that made them; written under the write gate.</summary>
    internal abstract class ProjectedRows
    {
        public abstract Task WriteAsync(SqliteTransaction transaction, CancellationToken cancellationToken);
    }
}

/// <summary>An inline projection whose rows are <typeparamref name="TRow"/>; see <see cref="SqliteOutboxProjection"/>.</summary>
/// <param name="streamNamespace">The namespace whose events are projected.</param>
public abstract class SqliteOutboxProjection<TRow>(string streamNamespace) : SqliteOutboxProjection(streamNamespace)
{
    /// <summary>
    /// The rows of one append's events (empty for none). Runs in the appender before it takes the file's write gate,
    /// so it may await anything that writes the file (creating its tables, say). Throwing fails this append alone,
    /// before anything is written.
    /// </summary>
    protected abstract ValueTask<IReadOnlyList<TRow>> ProjectAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="rows"/> inside <paramref name="transaction"/>, on the file's write connection and under
    /// its gate (so it must not wait for the gate itself), after the events are appended; the caller commits. It should
    /// not fail on rows already present: a failure rolls back the append.
    /// </summary>
    protected abstract Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<TRow> rows, CancellationToken cancellationToken);

    internal sealed override async ValueTask<ProjectedRows?> ProjectRowsAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        var rows = await ProjectAsync(streamId, events, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new Rows(this, rows);
    }

    private sealed class Rows(SqliteOutboxProjection<TRow> projection, IReadOnlyList<TRow> items) : ProjectedRows
    {
        public override Task WriteAsync(SqliteTransaction transaction, CancellationToken cancellationToken) =>
            projection.WriteAsync(transaction, items, cancellationToken);
    }
}
