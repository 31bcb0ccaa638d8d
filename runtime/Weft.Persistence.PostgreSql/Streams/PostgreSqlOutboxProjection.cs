using Npgsql;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>
/// An <see cref="OutboxProjection"/> of PostgreSQL queues: its rows are written by one statement the queue adds to the
/// group commit that appends their events. Derive from
/// <see cref="PostgreSqlOutboxProjection{TRow}"/> and register it as a singleton of this type; the queue of the same
/// database picks it up.
/// </summary>
public abstract class PostgreSqlOutboxProjection : OutboxProjection
{
    // Only the generic class below derives from this one: the queue keeps its rows without knowing their type.
    private protected PostgreSqlOutboxProjection(string streamNamespace)
        : base(streamNamespace)
    {
    }

    /// <summary>
    /// The SQL condition that holds when the append of the row's group slot (an integer expression, NULL for an append
    /// without a state write) went through: its outbox state write matched. The projection's statement must keep only
    /// such rows; it runs after the state writes, in their transaction.
    /// </summary>
    public static string AppendedCondition(string slotExpression) =>
        $"({slotExpression} IS NULL OR current_setting('{OutboxStateTable.SlotSettingPrefix}' || {slotExpression}, true) = 'matched')";

    /// <summary>Called by the appender before it joins a group: the rows of its events, or null for none.</summary>
    internal abstract ValueTask<ProjectedRows?> ProjectRowsAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken);

    /// <summary>Called by the group's writer: the statement writing the rows of the group's appends, each with its slot.</summary>
    internal abstract NpgsqlBatchCommand CreateGroupCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, ProjectedRows Rows)> appends);

    /// <summary>One append's rows, typed by the projection that made them.</summary>
    internal abstract class ProjectedRows;
}

/// <summary>An inline projection whose rows are <typeparamref name="TRow"/>; see <see cref="PostgreSqlOutboxProjection"/>.</summary>
/// <param name="streamNamespace">The namespace whose events are projected.</param>
public abstract class PostgreSqlOutboxProjection<TRow>(string streamNamespace) : PostgreSqlOutboxProjection(streamNamespace)
{
    /// <summary>
    /// The rows of one append's events (empty for none). Runs in the appender, before its append joins a group, so
    /// decoding costs no time inside the group commit; it may await (to create its tables, say). Throwing fails this
    /// append alone, before anything is written.
    /// </summary>
    protected abstract ValueTask<IReadOnlyList<TRow>> ProjectAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken);

    /// <summary>
    /// One statement writing <paramref name="rows"/>, each with the group slot of its append (null: an append without a
    /// state write). It must write only rows for which <see cref="PostgreSqlOutboxProjection.AppendedCondition"/> holds,
    /// and should not fail on rows already present: a failure rolls back the whole group.
    /// </summary>
    protected abstract NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, TRow Row)> rows);

    internal sealed override async ValueTask<ProjectedRows?> ProjectRowsAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        var rows = await ProjectAsync(streamId, events, cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : new Rows(rows);
    }

    internal sealed override NpgsqlBatchCommand CreateGroupCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, ProjectedRows Rows)> appends)
    {
        var rows = new List<(int?, TRow)>();
        foreach (var (slot, projected) in appends)
        {
            foreach (var row in ((Rows)projected).Items)
            {
                rows.Add((slot, row));
            }
        }

        return CreateCommand(batch, rows);
    }

    private sealed class Rows(IReadOnlyList<TRow> items) : ProjectedRows
    {
        public IReadOnlyList<TRow> Items { get; } = items;
    }
}
