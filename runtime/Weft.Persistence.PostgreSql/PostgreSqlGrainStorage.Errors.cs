using Npgsql;

namespace Weft.Persistence.PostgreSql;

public sealed partial class PostgreSqlGrainStorage
{
    /// <summary>Turns a driver or server error into one that says what failed and which setting to fix.</summary>
    private GrainStorageException Translate(NpgsqlException exception, string operation, GrainStateKey? key)
    {
        var what = key is { } k ? $"{operation} grain state {k}" : operation;
        return new GrainStorageException(PostgreSqlErrors.Describe(exception, _errorContext, what), exception);
    }
}
