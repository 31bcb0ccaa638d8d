using Microsoft.Data.Sqlite;

namespace Weft.Persistence.Sqlite;

public sealed partial class SqliteGrainStorage
{
    /// <summary>Turns a SQLite error into one that says what failed and which setting to fix.</summary>
    private GrainStorageException Translate(SqliteException exception, string operation, GrainStateKey? key)
        => new(
            SqliteErrors.Describe(
                exception,
                $"Storage provider '{_name}'",
                _path,
                _settings,
                key is { } k ? $"{operation} grain state {k}" : operation,
                ($"table {_table}", $"{_settings}:Table")),
            exception);
}
