using Microsoft.Data.Sqlite;

namespace Weft.Persistence.Sqlite;

/// <summary>Turns SQLite errors into messages that say what failed and which setting to fix; shared by storage and queue.</summary>
internal static class SqliteErrors
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

    /// <param name="exception">The driver's error.</param>
    /// <param name="provider">Who failed, for example <c>Storage provider 'Default'</c>.</param>
    /// <param name="path">The database file.</param>
    /// <param name="settings">The provider's configuration section, for example <c>Weft:Storage:Default</c>.</param>
    /// <param name="operation">What was being done, for example <c>write grain state …</c>.</param>
    /// <param name="missingTable">What a "no such table" means here, and the setting that names it.</param>
    public static string Describe(
        SqliteException exception, string provider, string path, string settings, string operation, (string Table, string Setting) missingTable)
        => exception.SqliteErrorCode switch
        {
            SqliteCantOpen or SqliteReadOnly =>
                $"{provider} could not open SQLite file {path} for writing to {operation} — check the path in {settings}:ConnectionString " +
                $"(the file and its directory must be writable): {exception.Message}",
            SqliteIoError or SqliteFull =>
                $"{provider} could not {operation}: disk error on SQLite file {path} — check free space and the path in " +
                $"{settings}:ConnectionString: {exception.Message}",
            SqliteCorrupt or SqliteNotADatabase =>
                $"{provider} could not {operation}: {path} is not a SQLite database or is corrupt — restore it from a backup, or point " +
                $"{settings}:ConnectionString at another file: {exception.Message}",
            SqliteBusy =>
                $"{provider} could not {operation}: SQLite file {path} stayed locked by another process — check that no other program " +
                $"holds {settings}:ConnectionString's file: {exception.Message}",
            SqliteError when exception.Message.Contains("no such table", StringComparison.Ordinal) =>
                $"{provider} could not {operation}: {missingTable.Table} does not exist in {path} (dropped after start-up?) — restart the " +
                $"silo to create it, or check {missingTable.Setting}: {exception.Message}",
            _ =>
                $"{provider} could not {operation} in SQLite file {path} — check {settings}:ConnectionString: {exception.Message}",
        };
}
