using Microsoft.Extensions.Logging;
using Npgsql;

namespace Weft.Persistence.PostgreSql;

public sealed partial class PostgreSqlGrainStorage
{
    private static readonly string[] s_primaryKey = ["grain_type", "grain_key", "state_name"];

    /// <summary>
    /// Creates the schema and table if missing and checks an existing table has the expected primary key and column
    /// types. Safe when several silos start at once: creation runs under a transaction-scoped advisory lock.
    /// </summary>
    /// <exception cref="GrainStorageException">PostgreSQL cannot be reached, refuses the credentials, lacks the database,
    /// or the table exists with another shape. The message names the setting to fix.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "weft.grain_storage:" + _qualifiedTable });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (!await TableExistsAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
            {
                // Checked first so that a user without CREATE rights on the database can use a table made by an admin.
                var create =
                    $"CREATE SCHEMA IF NOT EXISTS {QuoteIdentifier(_schema)};\n" +
                    $"CREATE TABLE IF NOT EXISTS {_qualifiedTable} (\n" +
                    "    grain_type  text        NOT NULL,\n" +
                    "    grain_key   bytea       NOT NULL,\n" +
                    "    state_name  text        NOT NULL,\n" +
                    "    data        bytea       NULL,\n" +
                    "    version     bigint      NOT NULL,\n" +
                    "    modified_at timestamptz NOT NULL DEFAULT now(),\n" +
                    "    PRIMARY KEY (grain_type, grain_key, state_name)\n" +
                    ")";
                await using var command = new NpgsqlCommand(create, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                LogTableCreated(_logger, _name, _qualifiedTable, _endpoint, _database);
            }

            await CheckShapeAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "initialize", key: null);
        }
    }

    private async Task<bool> TableExistsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _qualifiedTable });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>An existing table of the same name may be another program's: refuse it rather than misuse it.</summary>
    private async Task CheckShapeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT
              (SELECT array_agg(a.attname::text ORDER BY k.ord)
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = to_regclass($1) AND i.indisprimary),
              (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                 FROM pg_attribute a
                WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped)
            """;
        await using var command = new NpgsqlCommand(Sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = _qualifiedTable });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var primaryKey = reader.IsDBNull(0) ? [] : reader.GetFieldValue<string[]>(0);
        var columns = reader.IsDBNull(1) ? "" : reader.GetString(1);

        string[] required = ["grain_type text", "grain_key bytea", "state_name text", "data bytea", "version bigint", "modified_at timestamp with time zone"];
        var columnList = columns.Split(", ");
        if (!primaryKey.AsSpan().SequenceEqual(s_primaryKey) || required.Any(c => !columnList.Contains(c)))
        {
            throw new GrainStorageException(
                $"Storage provider '{_name}' found table {_qualifiedTable} in database '{_database}' at {_endpoint}, but not in Weft's shape " +
                $"(columns: {columns}; primary key: ({string.Join(", ", primaryKey)})); expected {string.Join(", ", required)} with primary key " +
                $"({string.Join(", ", s_primaryKey)}). It may belong to another program: set {_settings}:Table or {_settings}:Schema to another name.");
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Storage provider '{Name}' created table {Table} in database '{Database}' at {Endpoint}")]
    private static partial void LogTableCreated(ILogger logger, string name, string table, string endpoint, string database);
}
