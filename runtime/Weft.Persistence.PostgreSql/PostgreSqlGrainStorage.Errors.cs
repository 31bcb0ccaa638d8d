using System.Data.Common;
using Npgsql;

namespace Weft.Persistence.PostgreSql;

public sealed partial class PostgreSqlGrainStorage
{
    /// <summary>
    /// Fills in what the connection string leaves unset: a bounded connect timeout, so an unreachable server fails
    /// start-up instead of hanging; automatic preparation, so the four statements are parsed once per connection; and
    /// no session reset on close, which is safe because this provider never changes session state.
    /// </summary>
    private static void ApplyDefaults(NpgsqlConnectionStringBuilder builder, string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (!given.Overlaps(["TIMEOUT", "CONNECTTIMEOUT", "CONNECTIONTIMEOUT"]))
        {
            builder.Timeout = 10;
        }

        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 16;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
    }

    /// <summary>Turns a driver or server error into one that says what failed and which setting to fix.</summary>
    private GrainStorageException Translate(NpgsqlException exception, string operation, GrainStateKey? key)
    {
        var what = key is { } k ? $"{operation} grain state {k}" : operation;
        var prefix = $"Storage provider '{_name}'";
        var message = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                $"{prefix} was refused by PostgreSQL at {_endpoint} (authentication failed for user '{_user}') — check the user name and " +
                $"password in {_settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } pg =>
                $"{prefix} could not open database '{_database}' on PostgreSQL at {_endpoint}: it does not exist — create it, or fix " +
                $"Database in {_settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } pg =>
                $"{prefix} could not {what}: table {_qualifiedTable} does not exist in database '{_database}' at {_endpoint} (dropped after " +
                $"start-up?) — restart the silo to create it, or check {_settings}:Schema and {_settings}:Table: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName } pg =>
                $"{prefix} could not {what}: schema {QuoteIdentifier(_schema)} does not exist in database '{_database}' at {_endpoint} — " +
                $"restart the silo to create it, or check {_settings}:Schema: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg =>
                $"{prefix} could not {what}: user '{_user}' lacks privileges on {_qualifiedTable} in database '{_database}' at {_endpoint} — " +
                $"grant them, or change the user in {_settings}:ConnectionString or the table in {_settings}:Schema / {_settings}:Table: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } pg =>
                $"{prefix} could not connect to PostgreSQL at {_endpoint}: the server has no free connections — raise its max_connections " +
                $"or lower Maximum Pool Size in {_settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } pg =>
                $"{prefix} could not {what}: PostgreSQL at {_endpoint} is shutting down or starting up ({pg.SqlState}) — check the server " +
                $"named in {_settings}:ConnectionString: {pg.MessageText}",
            PostgresException pg =>
                $"{prefix} could not {what} on PostgreSQL at {_endpoint}, database '{_database}' ({pg.SqlState}) — check {_settings}: {pg.MessageText}",
            { InnerException: TimeoutException } =>
                $"{prefix} timed out trying to {what} on PostgreSQL at {_endpoint} — check the server and Host, Port, Timeout and " +
                $"Command Timeout in {_settings}:ConnectionString: {Describe(exception)}",
            _ =>
                $"{prefix} could not connect to PostgreSQL at {_endpoint} — check {_settings}:ConnectionString: {Describe(exception)}",
        };
        return new GrainStorageException(message, exception);
    }

    private static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " (" + inner.Message + ")";
        }

        return message;
    }
}
