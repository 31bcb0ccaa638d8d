using Microsoft.Data.Sqlite;
using Weft.Streams;

namespace Weft.Persistence.Sqlite.Streams;

public sealed partial class SqliteStreamQueue
{
    // SQLite primary result codes (https://sqlite.org/rescode.html).
    private const int SqliteError = 1;
    private const int SqliteBusy = 5;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    /// <summary>
    /// Turns a SQLite error of anything but publishing into one that says what failed and which setting to fix (as the
    /// PostgreSQL queue does: agents and subscription calls treat these like storage failures).
    /// </summary>
    private GrainStorageException Translate(SqliteException exception, string operation) => new(Describe(exception, operation), exception);

    /// <summary>Turns a SQLite error while appending into the publisher's exception.</summary>
    private StreamPublishException TranslatePublish(SqliteException exception, string operation) =>
        new(Describe(exception, operation) + " Nothing was published.", exception);

    private string Describe(SqliteException exception, string operation)
    {
        var prefix = $"Stream provider '{_name}'";
        return exception.SqliteErrorCode switch
        {
            SqliteCantOpen or SqliteReadOnly =>
                $"{prefix} could not open SQLite file {_path} for writing to {operation} — check the path in {_settings}:ConnectionString " +
                $"(the file and its directory must be writable): {exception.Message}",
            SqliteIoError or SqliteFull =>
                $"{prefix} could not {operation}: disk error on SQLite file {_path} — check free space and the path in " +
                $"{_settings}:ConnectionString: {exception.Message}",
            SqliteCorrupt or SqliteNotADatabase =>
                $"{prefix} could not {operation}: {_path} is not a SQLite database or is corrupt — restore it from a backup, or point " +
                $"{_settings}:ConnectionString at another file: {exception.Message}",
            SqliteBusy =>
                $"{prefix} could not {operation}: SQLite file {_path} stayed locked by another process — check that no other program " +
                $"holds {_settings}:ConnectionString's file: {exception.Message}",
            SqliteError when exception.Message.Contains("no such table", StringComparison.Ordinal) =>
                $"{prefix} could not {operation}: a stream table is missing from {_path} (dropped after start-up?) — restart the silo " +
                $"to create it, or check {_settings}:ConnectionString: {exception.Message}",
            _ =>
                $"{prefix} could not {operation} in SQLite file {_path} — check {_settings}:ConnectionString: {exception.Message}",
        };
    }
}
