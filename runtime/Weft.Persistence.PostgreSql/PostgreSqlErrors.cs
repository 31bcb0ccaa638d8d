using System.Data.Common;
using Npgsql;

namespace Weft.Persistence.PostgreSql;

/// <summary>
/// Connection defaults and error messages shared by the grain storage and the stream queue, so both fail the same way
/// and every message names the setting to fix.
/// </summary>
internal static class PostgreSqlErrors
{
    /// <summary>
    /// A data source builder for a provider's connection string; a malformed one is an error naming the setting.
    /// </summary>
    /// <param name="connectionString">The configured connection string.</param>
    /// <param name="connectTimeoutSeconds">The connect timeout used unless the connection string sets one.</param>
    /// <param name="maxPoolSize">The pool's size unless the connection string sets one (see <see cref="PostgreSqlPoolSizes"/>).</param>
    /// <param name="provider">Who asks, for example <c>Storage provider 'Default'</c>.</param>
    /// <param name="settings">The provider's configuration section.</param>
    public static NpgsqlDataSourceBuilder CreateBuilder(string connectionString, int connectTimeoutSeconds, int maxPoolSize, string provider, string settings)
    {
        try
        {
            var builder = new NpgsqlDataSourceBuilder(connectionString);
            ApplyDefaults(builder.ConnectionStringBuilder, connectionString, connectTimeoutSeconds, maxPoolSize);
            return builder;
        }
        catch (ArgumentException ex)
        {
            throw new GrainStorageException(
                $"{provider} cannot use its PostgreSQL connection string — check {settings}:ConnectionString: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Fills in what the connection string leaves unset: a bounded connect timeout, so an unreachable server fails
    /// fast instead of hanging; automatic preparation, so the few statements are parsed once per connection; and no
    /// session reset on close, which is safe because these providers never change session state.
    /// </summary>
    private static void ApplyDefaults(NpgsqlConnectionStringBuilder builder, string connectionString, int connectTimeoutSeconds, int maxPoolSize)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .ToHashSet();
        if (!given.Overlaps(["TIMEOUT", "CONNECTTIMEOUT", "CONNECTIONTIMEOUT"]))
        {
            builder.Timeout = connectTimeoutSeconds;
        }

        if (!given.Contains("MAXAUTOPREPARE"))
        {
            builder.MaxAutoPrepare = 16;
        }

        if (!given.Overlaps(["MAXPOOLSIZE", "MAXIMUMPOOLSIZE"]))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!given.Contains("NORESETONCLOSE"))
        {
            builder.NoResetOnClose = true;
        }
    }

    /// <summary>Says what failed, where, and which setting to fix, for a driver or server error.</summary>
    /// <param name="exception">The driver's exception.</param>
    /// <param name="context">The provider's endpoint and settings.</param>
    /// <param name="what">The operation, for example <c>write grain state counter/1/state</c>.</param>
    public static string Describe(NpgsqlException exception, PostgreSqlErrorContext context, string what)
    {
        var (prefix, settings, endpoint, database, user) = (context.Subject, context.Settings, context.Endpoint, context.Database, context.User);
        return exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } pg =>
                $"{prefix} was refused by PostgreSQL at {endpoint} (authentication failed for user '{user}') — check the user name and " +
                $"password in {settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } pg =>
                $"{prefix} could not open database '{database}' on PostgreSQL at {endpoint}: it does not exist — create it, or fix " +
                $"Database in {settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.UndefinedTable } pg =>
                $"{prefix} could not {what}: {context.Objects} does not exist in database '{database}' at {endpoint} (dropped after " +
                $"start-up?) — restart the silo to create it, or check {context.ObjectSettings}: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InvalidSchemaName } pg =>
                $"{prefix} could not {what}: its schema does not exist in database '{database}' at {endpoint} — " +
                $"restart the silo to create it, or check {settings}:Schema: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } pg =>
                $"{prefix} could not {what}: user '{user}' lacks privileges on {context.Objects} in database '{database}' at {endpoint} — " +
                $"grant them, or change the user in {settings}:ConnectionString or the tables in {context.ObjectSettings}: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } pg =>
                $"{prefix} could not connect to PostgreSQL at {endpoint}: the server has no free connections — raise its max_connections " +
                $"or lower Maximum Pool Size in {settings}:ConnectionString: {pg.MessageText}",
            PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } pg =>
                $"{prefix} could not {what}: PostgreSQL at {endpoint} is shutting down or starting up ({pg.SqlState}) — check the server " +
                $"named in {settings}:ConnectionString: {pg.MessageText}",
            PostgresException pg =>
                $"{prefix} could not {what} on PostgreSQL at {endpoint}, database '{database}' ({pg.SqlState}) — check {settings}: {pg.MessageText}",
            { InnerException: TimeoutException } =>
                $"{prefix} timed out trying to {what} on PostgreSQL at {endpoint} — check the server and Host, Port, Timeout and " +
                $"Command Timeout in {settings}:ConnectionString: {Describe(exception)}",
            _ =>
                $"{prefix} could not connect to PostgreSQL at {endpoint} to {what} — check {settings}:ConnectionString: {Describe(exception)}",
        };
    }

    /// <summary>The message of an exception and of every inner one.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception.Message;
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " (" + inner.Message + ")";
        }

        return message;
    }
}
