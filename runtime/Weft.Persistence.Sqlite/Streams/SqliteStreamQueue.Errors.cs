using Microsoft.Data.Sqlite;
using Weft.Streams;

namespace Weft.Persistence.Sqlite.Streams;

public sealed partial class SqliteStreamQueue
{
    /// <summary>
    /// Turns a SQLite error of anything but publishing into one that says what failed and which setting to fix (as the
    /// PostgreSQL queue does: agents and subscription calls treat these like storage failures).
    /// </summary>
    private GrainStorageException Translate(SqliteException exception, string operation) => new(Describe(exception, operation), exception);

    /// <summary>Turns a SQLite error while appending into the publisher's exception.</summary>
    private StreamPublishException TranslatePublish(SqliteException exception, string operation) =>
        new(Describe(exception, operation) + " Nothing was published.", exception);

    private string Describe(SqliteException exception, string operation)
        => SqliteErrors.Describe(
            exception, $"Stream provider '{_name}'", _path, _settings, operation, ("a stream table", $"{_settings}:ConnectionString"));
}
