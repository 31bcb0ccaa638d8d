using Microsoft.Data.Sqlite;

namespace Weft.Persistence.Sqlite;

public sealed partial class SqliteGrainStorage
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

    /// <summary>Turns a SQLite error into one that says what failed and which setting to fix.</summary>
    private GrainStorageException Translate(SqliteException exception, string operation, GrainStateKey? key)
    {
        var what = key is { } k ? $"{operation} grain state {k}" : operation;
        var prefix = $"Storage provider '{_name}'";
        var message = exception.SqliteErrorCode switch
        {
            SqliteCantOpen or SqliteReadOnly =>
                $"{prefix} could not open SQLite file {_path} for writing — check the path in {_settings}:ConnectionString " +
                $"(the file and its directory must be writable): {exception.Message}",
            SqliteIoError or SqliteFull =>
                $"{prefix} could not {what}: disk error on SQLite file {_path} — check free space and the path in " +
                $"{_settings}:ConnectionString: {exception.Message}",
            SqliteCorrupt or SqliteNotADatabase =>
                $"{prefix} could not {what}: {_path} is not a SQLite database or is corrupt — restore it from a backup, or point " +
                $"{_settings}:ConnectionString at another file: {exception.Message}",
            SqliteBusy =>
                $"{prefix} could not {what}: SQLite file {_path} stayed locked by another process — check that no other program " +
                $"holds {_settings}:ConnectionString's file: {exception.Message}",
            SqliteError when exception.Message.Contains("no such table", StringComparison.Ordinal) =>
                $"{prefix} could not {what}: table {_table} does not exist in {_path} (dropped after start-up?) — restart the silo " +
                $"to create it, or check {_settings}:Table: {exception.Message}",
            _ =>
                $"{prefix} could not {what} in SQLite file {_path} — check {_settings}: {exception.Message}",
        };
        return new GrainStorageException(message, exception);
    }
}
