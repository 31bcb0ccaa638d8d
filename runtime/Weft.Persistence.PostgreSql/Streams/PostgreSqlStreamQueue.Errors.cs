using Npgsql;

namespace Weft.Persistence.PostgreSql.Streams;

public sealed partial class PostgreSqlStreamQueue
{
    /// <summary>
    /// Turns a driver or server error of anything but publishing into one that says what failed and which setting to
    /// fix. These operations are run by agents and subscription calls, which treat them like storage failures.
    /// </summary>
    private GrainStorageException Translate(NpgsqlException exception, string what) =>
        new(PostgreSqlErrors.Describe(exception, _errorContext, what), exception);
}
