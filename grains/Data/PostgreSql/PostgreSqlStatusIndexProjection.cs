using Npgsql;
using Weft.GrainInterfaces.Statuses;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Grains.Data.PostgreSql;

/// <summary>
/// Indexes new and edited statuses in the transaction that stores them: the status stream's group commit runs the
/// store's index statement for the created and edited statuses of its appends, guarded like the appends by their state
/// writes.
/// </summary>
internal sealed class PostgreSqlStatusIndexProjection(StatusIndexRowSource rows) : PostgreSqlOutboxProjection<StatusRow>(StatusStreams.Namespace)
{
    protected override ValueTask<IReadOnlyList<StatusRow>> ProjectAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
        rows.RowsAsync(events, cancellationToken);

    protected override NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, StatusRow Row)> rows) =>
        PostgreSqlSocialStore.IndexStatusesCommand(batch.CreateBatchCommand(), rows);
}
