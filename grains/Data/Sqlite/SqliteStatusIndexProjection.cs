using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Statuses;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Grains.Data.Sqlite;

/// <summary>
/// Indexes new and edited statuses in the transaction that stores them: the status stream's append indexes the rows of
/// its created and edited statuses on the file's write connection, with statements kept prepared on it.
/// </summary>
internal sealed class SqliteStatusIndexProjection(StatusIndexRowSource rows) : SqliteOutboxProjection<StatusRow>(StatusStreams.Namespace)
{
    // Statements kept prepared per write connection, each used only under its file's write gate (as the queue calls
    // WriteAsync); they go with their connection.
    private readonly ConditionalWeakTable<SqliteConnection, PreparedStatements> _prepared = new();

    protected override ValueTask<IReadOnlyList<StatusRow>> ProjectAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
        rows.RowsAsync(events, cancellationToken);

    protected override Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<StatusRow> rows, CancellationToken cancellationToken)
    {
        var prepared = _prepared.GetValue(transaction.Connection!, static connection =>
        {
            var statements = new PreparedStatements();
            statements.UseConnection(connection);
            return statements;
        });
        return SqliteSocialStore.IndexStatusesAsync(sql => prepared.Get(sql, transaction), rows, cancellationToken);
    }
}
