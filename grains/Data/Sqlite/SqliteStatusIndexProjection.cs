using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Statuses;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Grains.Data.Sqlite;

/// <summary>
/// Indexes new and edited statuses in the transaction that stores them: the status stream's append inserts the index
/// rows of its created statuses, and replaces the mentions and tags of its edited ones, on the file's write connection
/// with statements kept prepared on it.
/// </summary>
internal sealed class SqliteStatusIndexProjection(StatusIndexRowSource rows) : SqliteOutboxProjection<StatusIndexChange>(StatusStreams.Namespace)
{
    // Statements kept prepared per write connection, each used only under its file's write gate (as the queue calls
    // WriteAsync); they go with their connection.
    private readonly ConditionalWeakTable<SqliteConnection, PreparedStatements> _prepared = new();

    protected override ValueTask<IReadOnlyList<StatusIndexChange>> ProjectAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
        rows.ChangesAsync(events, cancellationToken);

    protected override async Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<StatusIndexChange> rows, CancellationToken cancellationToken)
    {
        var prepared = _prepared.GetValue(transaction.Connection!, static connection =>
        {
            var statements = new PreparedStatements();
            statements.UseConnection(connection);
            return statements;
        });
        Func<string, SqliteCommand> statement = sql => prepared.Get(sql, transaction);

        // In event order: an append carries one grain call's events.
        foreach (var (row, edit) in rows)
        {
            if (edit)
            {
                await SqliteSocialStore.ReplaceMentionsAndTagsAsync(statement, row.Id, row.MentionedAccountIds, row.Tags ?? [], cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await SqliteSocialStore.InsertStatusesAsync(statement, [row], cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
