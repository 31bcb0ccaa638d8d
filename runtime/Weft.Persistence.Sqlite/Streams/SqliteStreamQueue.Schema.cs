using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.Sqlite.Streams;

public sealed partial class SqliteStreamQueue
{
    // The ids are AUTOINCREMENT: a plain rowid would reuse the ids of deleted (committed) events once the table is
    // empty, and a reused id at or below a partition's checkpoint would never be read.
    private const string CreateSchemaSql =
        """
        CREATE TABLE IF NOT EXISTS stream_events (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            partition        INTEGER NOT NULL,
            stream_namespace TEXT    NOT NULL,
            stream_key       BLOB    NOT NULL,
            sequence         INTEGER NOT NULL,
            event_type       TEXT    NOT NULL,
            payload          BLOB    NOT NULL,
            enqueued_at      INTEGER NOT NULL,
            projected        INTEGER NOT NULL DEFAULT 0,
            UNIQUE (stream_namespace, stream_key, sequence)
        );
        CREATE INDEX IF NOT EXISTS stream_events_partition_id ON stream_events (partition, id);
        CREATE TABLE IF NOT EXISTS stream_heads (
            stream_namespace TEXT    NOT NULL,
            stream_key       BLOB    NOT NULL,
            last_sequence    INTEGER NOT NULL,
            PRIMARY KEY (stream_namespace, stream_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stream_subscriptions (
            stream_namespace TEXT NOT NULL,
            stream_key       BLOB NOT NULL,
            grain_type       TEXT NOT NULL,
            grain_key        BLOB NOT NULL,
            PRIMARY KEY (stream_namespace, stream_key, grain_type, grain_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS stream_partitions (
            partition  INTEGER PRIMARY KEY,
            owner      TEXT    NULL,
            epoch      INTEGER NOT NULL,
            checkpoint INTEGER NOT NULL,
            expires_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS stream_dead_letters (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_namespace TEXT    NOT NULL,
            stream_key       BLOB    NOT NULL,
            sequence         INTEGER NOT NULL,
            grain_type       TEXT    NOT NULL,
            grain_key        BLOB    NOT NULL,
            event_type       TEXT    NOT NULL,
            payload          BLOB    NOT NULL,
            attempts         INTEGER NOT NULL,
            error            TEXT    NOT NULL,
            failed_at        INTEGER NOT NULL
        );
        """;

    private const string AdvanceHeadSql =
        "INSERT INTO stream_heads (stream_namespace, stream_key, last_sequence) VALUES ($namespace, $key, $count) " +
        "ON CONFLICT (stream_namespace, stream_key) DO UPDATE SET last_sequence = last_sequence + excluded.last_sequence " +
        "RETURNING last_sequence";

    private const string InsertEventSql =
        "INSERT INTO stream_events (partition, stream_namespace, stream_key, sequence, event_type, payload, enqueued_at, projected) " +
        "VALUES ($partition, $namespace, $key, $sequence, $event_type, $payload, $enqueued_at, $projected)";

    /// <summary>
    /// Opens the file (creating it and its directory), switches it to WAL and creates the tables if missing.
    /// Idempotent, and safe when a grain storage shares the file.
    /// </summary>
    /// <exception cref="GrainStorageException">The file cannot be created or opened, or is not a SQLite database.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ready = false; // Initialize again: re-create tables that were dropped.
            await EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            LogOpened(_logger, _name, _path, PartitionCount);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "initialize");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Opens the shared write connection, creates the tables and prepares the append statements, unless done. Called
    /// under the write gate (by this queue, or by a grain storage writing an outbox).
    /// </summary>
    internal async Task EnsureReadyLockedAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        SqliteConnection connection;
        try
        {
            connection = await _writer.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new GrainStorageException(
                $"Stream provider '{_name}' could not create directory {Path.GetDirectoryName(_path)} for its SQLite file — check the path in " +
                $"{_settings}:ConnectionString: {ex.Message}", ex);
        }

        if (_ready && ReferenceEquals(connection, _preparedOn))
        {
            return;
        }

        await CloseCommandsAsync().ConfigureAwait(false);
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = CreateSchemaSql;
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await AddProjectedColumnAsync(connection, cancellationToken).ConfigureAwait(false);
        await RefuseChangedPartitionCountAsync(connection, cancellationToken).ConfigureAwait(false);

        var advance = connection.CreateCommand();
        advance.CommandText = AdvanceHeadSql;
        advance.Parameters.Add("$namespace", SqliteType.Text).Value = string.Empty;
        advance.Parameters.Add("$key", SqliteType.Blob).Value = Array.Empty<byte>();
        advance.Parameters.Add("$count", SqliteType.Integer).Value = 0L;

        var insert = connection.CreateCommand();
        insert.CommandText = InsertEventSql;
        insert.Parameters.Add("$partition", SqliteType.Integer).Value = 0;
        insert.Parameters.Add("$namespace", SqliteType.Text).Value = string.Empty;
        insert.Parameters.Add("$key", SqliteType.Blob).Value = Array.Empty<byte>();
        insert.Parameters.Add("$sequence", SqliteType.Integer).Value = 0L;
        insert.Parameters.Add("$event_type", SqliteType.Text).Value = string.Empty;
        insert.Parameters.Add("$payload", SqliteType.Blob).Value = Array.Empty<byte>();
        insert.Parameters.Add("$enqueued_at", SqliteType.Integer).Value = 0L;
        insert.Parameters.Add("$projected", SqliteType.Integer).Value = false;
        (_advanceHead, _insertEvent) = (advance, insert);
        await advance.PrepareAsync(cancellationToken).ConfigureAwait(false);
        await insert.PrepareAsync(cancellationToken).ConfigureAwait(false);

        _preparedOn = connection;
        _ready = true;
    }

    // Files made before events recorded whether they were projected get the column; their events read as not projected,
    // so consumers write those rows themselves. Under the write gate.
    private static async Task AddProjectedColumnAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM pragma_table_info('stream_events') WHERE name = 'projected'";
        if ((long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
        {
            return;
        }

        command.CommandText = "ALTER TABLE stream_events ADD COLUMN projected INTEGER NOT NULL DEFAULT 0";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    // Under the write gate, before anything is appended through this queue (the file has one writer process).
    private async Task RefuseChangedPartitionCountAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var undelivered = new List<(int, StreamId)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT partition, stream_namespace, stream_key FROM stream_events";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                undelivered.Add((reader.GetInt32(0), new StreamId(reader.GetString(1), DecodeKey(reader, 2))));
            }
        }

        if (StreamPartitioner.RefuseChangedCount(_name, _settings, PartitionCount, undelivered) is { } refusal)
        {
            throw new GrainStorageException(refusal);
        }
    }

    private async Task CloseCommandsAsync()
    {
        foreach (var command in new[] { _advanceHead, _insertEvent })
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }

        (_advanceHead, _insertEvent) = (null, null);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Stream provider '{Name}' keeps its queue in {Path} ({PartitionCount} partitions)")]
    private static partial void LogOpened(ILogger logger, string name, string path, int partitionCount);
}
