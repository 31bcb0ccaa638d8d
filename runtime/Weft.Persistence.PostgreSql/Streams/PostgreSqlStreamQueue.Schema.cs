using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

public sealed partial class PostgreSqlStreamQueue
{
    /// <summary>
    /// Creates the schema and tables if missing and adds a lease row for every partition that lacks one (so raising
    /// <see cref="PartitionCount"/> adds partitions). Safe when several silos start at once: it runs under a
    /// transaction-scoped advisory lock.
    /// </summary>
    /// <exception cref="GrainStorageException">PostgreSQL cannot be reached, refuses the credentials, or lacks the
    /// database. The message names the setting to fix.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var s = PostgreSqlGrainStorage.QuoteIdentifier(_schema);
        // No unique index on (stream, sequence): the append numbers each stream's events from its stream_heads row in
        // the same statement, under that row's lock, so duplicates cannot arise, and a second index per event was write
        // amplification on the posting path (databases created before keep theirs, harmlessly).
        var create = $"""
            CREATE SCHEMA IF NOT EXISTS {s};
            CREATE TABLE IF NOT EXISTS {s}.stream_events (
                partition        int         NOT NULL,
                id               bigint      GENERATED ALWAYS AS IDENTITY,
                stream_namespace text        NOT NULL,
                stream_key       bytea       NOT NULL,
                sequence         bigint      NOT NULL,
                event_type       text        NOT NULL,
                payload          bytea       NOT NULL,
                enqueued_at      timestamptz NOT NULL DEFAULT now(),
                projected        boolean     NOT NULL DEFAULT false,
                PRIMARY KEY (partition, id)
            );
            CREATE TABLE IF NOT EXISTS {s}.stream_heads (
                stream_namespace text   NOT NULL,
                stream_key       bytea  NOT NULL,
                last_sequence    bigint NOT NULL,
                PRIMARY KEY (stream_namespace, stream_key)
            );
            CREATE TABLE IF NOT EXISTS {s}.stream_subscriptions (
                stream_namespace text        NOT NULL,
                stream_key       bytea       NOT NULL,
                grain_type       text        NOT NULL,
                grain_key        bytea       NOT NULL,
                subscribed_at    timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (stream_namespace, stream_key, grain_type, grain_key)
            );
            CREATE TABLE IF NOT EXISTS {s}.stream_partitions (
                partition  int         PRIMARY KEY,
                owner      text        NULL,
                epoch      bigint      NOT NULL DEFAULT 0,
                checkpoint bigint      NOT NULL DEFAULT 0,
                expires_at timestamptz NOT NULL DEFAULT '-infinity'
            );
            CREATE TABLE IF NOT EXISTS {s}.stream_dead_letters (
                id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                stream_namespace text        NOT NULL,
                stream_key       bytea       NOT NULL,
                sequence         bigint      NOT NULL,
                grain_type       text        NOT NULL,
                grain_key        bytea       NOT NULL,
                event_type       text        NOT NULL,
                payload          bytea       NOT NULL,
                attempts         int         NOT NULL,
                error            text        NOT NULL,
                failed_at        timestamptz NOT NULL
            );
            """;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "weft.streams:" + s });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var exists = false;
            await using (var command = new NpgsqlCommand($"SELECT to_regclass($1) IS NOT NULL", connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{s}.stream_dead_letters" });
                exists = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            if (!exists)
            {
                // Checked first so that a user without CREATE rights can use tables made by an admin.
                await using var command = new NpgsqlCommand(create, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                LogTablesCreated(_logger, _name, _schema, _errorContext.Endpoint, _errorContext.Database);
            }

            await using (var command = new NpgsqlCommand(
                $"INSERT INTO {s}.stream_partitions (partition) SELECT generate_series(0, $1 - 1) ON CONFLICT (partition) DO NOTHING",
                connection, transaction))
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = PartitionCount, NpgsqlDbType = NpgsqlDbType.Integer });
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // What is undelivered now: silos still running with the old count can add more later, which is why the
            // count changes only with every silo stopped (docs/architecture.md).
            var undelivered = new List<(int, StreamId)>();
            await using (var command = new NpgsqlCommand(
                $"SELECT DISTINCT partition, stream_namespace, stream_key FROM {s}.stream_events", connection, transaction))
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    undelivered.Add((reader.GetInt32(0), new StreamId(reader.GetString(1), DecodeKey(reader.GetFieldValue<byte[]>(2)))));
                }
            }

            if (StreamPartitioner.RefuseChangedCount(_name, _settings, PartitionCount, undelivered) is { } refusal)
            {
                throw new GrainStorageException(refusal);
            }

            // Last, so the table's exclusive lock, when the column is added, lasts only until the commit right after.
            if (exists)
            {
                await AddProjectedColumnAsync(connection, transaction, s, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "initialize");
        }
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information,
        Message = "Stream provider '{Name}' created its tables in schema {Schema} of database '{Database}' at {Endpoint}")]
    private static partial void LogTablesCreated(ILogger logger, string name, string schema, string endpoint, string database);

    // Tables made before events recorded whether they were projected get the column; their events read as not projected,
    // so consumers write those rows themselves. Looked up first: ALTER TABLE would lock out other silos' appends.
    private static async Task AddProjectedColumnAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass($1) AND attname = 'projected' AND NOT attisdropped)",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{schema}.stream_events" });
            if ((bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return;
            }
        }

        await using var alter = new NpgsqlCommand($"ALTER TABLE {schema}.stream_events ADD COLUMN IF NOT EXISTS projected boolean NOT NULL DEFAULT false", connection, transaction);
        await alter.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
