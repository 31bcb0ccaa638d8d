using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.Sqlite.Streams;

/// <summary>
/// The durable stream queue in a SQLite file, with the tables of the PostgreSQL queue: <c>stream_events</c> (an
/// autoincrement id per event, its partition, stream, sequence, type and payload), <c>stream_heads</c> (the last
/// sequence of each stream), <c>stream_subscriptions</c> (a row per subscription), <c>stream_partitions</c> (leases and
/// checkpoints) and <c>stream_dead_letters</c>. The file runs in WAL mode, so reads (on pooled connections) never wait
/// for the writer.
/// </summary>
/// <remarks>
/// SQLite has one writer. Appends, commits and lease changes go through the file's one write connection and its
/// semaphore (<see cref="SqliteWriter"/>, shared with a <see cref="SqliteGrainStorage"/> on the same file), so event
/// ids are given in commit order: an agent that read up to id N can never later see a smaller id appear. Wake-ups are
/// in-process callbacks raised after each committed append. Times are stored as Unix milliseconds from the
/// <see cref="TimeProvider"/> given.
/// </remarks>
public sealed partial class SqliteStreamQueue : IStreamQueue, IAsyncDisposable, IDisposable
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _name;
    private readonly string _settings;
    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SqliteWriter _writer;
    private readonly SemaphoreSlim _writeGate;
    private readonly Dictionary<string, SqliteOutboxProjection> _projections;
    private int _released;

    // Guarded by _writeGate. The append statements are prepared on _preparedOn, the shared write connection.
    private SqliteConnection? _preparedOn;
    private SqliteCommand? _advanceHead;
    private SqliteCommand? _insertEvent;
    private bool _ready;
    private bool _disposed;

    /// <summary>Creates the queue. The file is opened by <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="name">The stream provider's name (<c>Weft:Streams:&lt;name&gt;</c>), used in error messages.</param>
    /// <param name="options">Connection string and partition count.</param>
    /// <param name="timeProvider">The clock leases expire by and events are stamped with; default the system clock.</param>
    /// <param name="logger">Logs where the file is; optional.</param>
    /// <param name="projections">Inline projections written with the appends of their namespaces; at most one per namespace.</param>
    /// <exception cref="GrainStorageException">The connection string is missing, malformed or names no file.</exception>
    /// <exception cref="ArgumentException">Two projections name one namespace.</exception>
    public SqliteStreamQueue(
        string name,
        SqliteStreamQueueOptions options,
        TimeProvider? timeProvider = null,
        ILogger<SqliteStreamQueue>? logger = null,
        IEnumerable<SqliteOutboxProjection>? projections = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _projections = OutboxProjection.ByNamespace(projections ?? []);

        _settings = $"Weft:Streams:{name}";
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SqliteStreamQueue>.Instance;

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new GrainStorageException(
                $"Stream provider '{name}' is a Sqlite queue without a database file: set {_settings}:ConnectionString " +
                "(for example \"Data Source=data/weft.db\", the grain storage's file to publish with state in one transaction).");
        }

        if (options.PartitionCount < 1)
        {
            throw new GrainStorageException(
                $"Stream provider '{name}' needs at least one partition, not {options.PartitionCount}: check {_settings}:PartitionCount.");
        }

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new GrainStorageException(
                $"Stream provider '{name}' cannot use its SQLite connection string — check {_settings}:ConnectionString: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new GrainStorageException(
                $"Stream provider '{name}' needs a SQLite file, for example Data Source=./data/weft.db — check {_settings}:ConnectionString " +
                "(for events kept in memory use Provider=Memory).");
        }

        PartitionCount = options.PartitionCount;
        _path = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _path;
        builder.Pooling = true;
        _connectionString = builder.ToString();
        _writer = SqliteWriter.Acquire(_path, _connectionString);
        _writeGate = _writer.Gate;
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <summary>The database file's full path.</summary>
    internal string DatabasePath => _path;

    /// <inheritdoc />
    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        PreparedAppend append;
        try
        {
            append = await PrepareAppendAsync(streamId, events, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw TranslatePublish(ex, $"publish {events.Count} event(s) to stream {streamId}");
        }

        long last;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = _preparedOn!.BeginTransaction();
            last = await AppendLockedAsync(transaction, append, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw TranslatePublish(ex, $"publish {events.Count} event(s) to stream {streamId}");
        }
        finally
        {
            _writeGate.Release();
        }

        RaiseAppended(append.Partition);
        return last;
    }

    /// <inheritdoc />
    public async Task SubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken)
    {
        var keyBytes = EncodeStreamKey(streamId);
        var subscriberKey = EncodeSubscriberKey(subscriber);
        await WriteAsync(
            "INSERT INTO stream_subscriptions (stream_namespace, stream_key, grain_type, grain_key) " +
            "VALUES ($namespace, $key, $grain_type, $grain_key) ON CONFLICT DO NOTHING",
            command => AddSubscription(command, streamId, keyBytes, subscriber, subscriberKey),
            $"subscribe {subscriber} to stream {streamId}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UnsubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken)
    {
        var keyBytes = EncodeStreamKey(streamId);
        var subscriberKey = EncodeSubscriberKey(subscriber);
        await WriteAsync(
            "DELETE FROM stream_subscriptions WHERE stream_namespace = $namespace AND stream_key = $key " +
            "AND grain_type = $grain_type AND grain_key = $grain_key",
            command => AddSubscription(command, streamId, keyBytes, subscriber, subscriberKey),
            $"unsubscribe {subscriber} from stream {streamId}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>>> GetSubscribersAsync(
        IReadOnlyCollection<StreamId> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        var result = new Dictionary<StreamId, IReadOnlyList<GrainId>>();
        if (streamIds.Count == 0)
        {
            return result;
        }

        // Keep each query's parameters well under SQLite's limit (32,766).
        const int StreamsPerQuery = 500;
        var distinct = streamIds.Distinct().ToArray();
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            for (var start = 0; start < distinct.Length; start += StreamsPerQuery)
            {
                var chunk = distinct.AsMemory(start, Math.Min(StreamsPerQuery, distinct.Length - start));
                await ReadSubscribersAsync(connection, chunk, result, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "read stream subscriptions");
        }

        return result;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedStreamEvent>> ReadAsync(int partition, long afterId, int maxCount, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var events = new List<QueuedStreamEvent>();
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT id, stream_namespace, stream_key, sequence, event_type, payload, enqueued_at, projected FROM stream_events " +
                "WHERE partition = $partition AND id > $after ORDER BY id LIMIT $max";
            command.Parameters.Add("$partition", SqliteType.Integer).Value = partition;
            command.Parameters.Add("$after", SqliteType.Integer).Value = afterId;
            command.Parameters.Add("$max", SqliteType.Integer).Value = maxCount;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new QueuedStreamEvent(
                    reader.GetInt64(0),
                    new StreamId(reader.GetString(1), DecodeKey(reader, 2)),
                    reader.GetInt64(3),
                    reader.GetString(4),
                    (byte[])reader.GetValue(5),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                    reader.GetBoolean(7)));
            }
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, $"read partition {partition}");
        }

        return events;
    }

    /// <inheritdoc />
    public async Task DeadLetterAsync(StreamDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        ArgumentNullException.ThrowIfNull(deadLetter.Payload, nameof(deadLetter));
        var keyBytes = EncodeStreamKey(deadLetter.StreamId);
        var subscriberKey = EncodeSubscriberKey(deadLetter.Subscriber);
        await WriteAsync(
            "INSERT INTO stream_dead_letters (stream_namespace, stream_key, sequence, grain_type, grain_key, event_type, payload, attempts, error, failed_at) " +
            "VALUES ($namespace, $key, $sequence, $grain_type, $grain_key, $event_type, $payload, $attempts, $error, $failed_at)",
            command =>
            {
                AddSubscription(command, deadLetter.StreamId, keyBytes, deadLetter.Subscriber, subscriberKey);
                command.Parameters.Add("$sequence", SqliteType.Integer).Value = deadLetter.Sequence;
                command.Parameters.Add("$event_type", SqliteType.Text).Value = deadLetter.EventType;
                command.Parameters.Add("$payload", SqliteType.Blob).Value = deadLetter.Payload;
                command.Parameters.Add("$attempts", SqliteType.Integer).Value = deadLetter.Attempts;
                command.Parameters.Add("$error", SqliteType.Text).Value = deadLetter.Error ?? string.Empty;
                command.Parameters.Add("$failed_at", SqliteType.Integer).Value = deadLetter.FailedAt.ToUnixTimeMilliseconds();
            },
            $"store a dead letter of stream {deadLetter.StreamId} for {deadLetter.Subscriber}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StreamDeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var deadLetters = new List<StreamDeadLetter>();
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "SELECT stream_namespace, stream_key, sequence, grain_type, grain_key, event_type, payload, attempts, error, failed_at " +
                "FROM stream_dead_letters ORDER BY id LIMIT $max";
            command.Parameters.Add("$max", SqliteType.Integer).Value = maxCount;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                deadLetters.Add(new StreamDeadLetter(
                    new StreamId(reader.GetString(0), DecodeKey(reader, 1)),
                    reader.GetInt64(2),
                    new GrainId(reader.GetString(3), DecodeKey(reader, 4)),
                    reader.GetString(5),
                    (byte[])reader.GetValue(6),
                    reader.GetInt32(7),
                    reader.GetString(8),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
            }
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "read dead letters");
        }

        return deadLetters;
    }

    /// <inheritdoc />
    /// <remarks>Appends through any queue on this file in this process call it; other processes are not signalled.</remarks>
    public IDisposable OnAppended(Action<int> onAppended)
    {
        ArgumentNullException.ThrowIfNull(onAppended);
        return _writer.OnAppended(onAppended);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        await _writeGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _ready = false;
            await CloseCommandsAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }

        // The write connection closes with the last provider using the file; pooled read connections keep the file
        // open, so release them so it can be moved or deleted.
        await _writer.ReleaseAsync().ConfigureAwait(false);
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>
    /// Checks an append's arguments and makes what it needs before taking the write gate: the stream key's bytes, the
    /// stream's partition and the rows of its namespace's projection. Throws before anything is written.
    /// </summary>
    internal async ValueTask<PreparedAppend> PrepareAppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        foreach (var e in events)
        {
            ArgumentNullException.ThrowIfNull(e, nameof(events));
            ArgumentNullException.ThrowIfNull(e.EventType, nameof(events));
            ArgumentNullException.ThrowIfNull(e.Payload, nameof(events));
        }

        var keyBytes = EncodeStreamKey(streamId);
        var projected = _projections.TryGetValue(streamId.Namespace, out var projection)
            ? await projection.ProjectRowsAsync(streamId, events, cancellationToken).ConfigureAwait(false)
            : null;
        return new PreparedAppend(streamId, keyBytes, StreamPartitioner.GetPartition(streamId, PartitionCount), events, projection is not null, projected);
    }

    /// <summary>
    /// Numbers the events after the stream's last sequence and inserts them, then writes their projection's rows, inside
    /// <paramref name="transaction"/> on the shared write connection; the caller commits. The one place events are
    /// written, for appends and the outbox alike. Called under the write gate, after <see cref="EnsureReadyLockedAsync"/>.
    /// </summary>
    /// <returns>The sequence of the last event.</returns>
    internal async Task<long> AppendLockedAsync(SqliteTransaction transaction, PreparedAppend append, CancellationToken cancellationToken)
    {
        var (streamId, keyBytes, partition, events, hasProjection, projected) = append;
        var advance = _advanceHead!;
        var insert = _insertEvent!;
        long last;
        try
        {
            advance.Transaction = transaction;
            insert.Transaction = transaction;
            advance.Parameters["$namespace"].Value = streamId.Namespace;
            advance.Parameters["$key"].Value = keyBytes;
            advance.Parameters["$count"].Value = (long)events.Count;
            last = (long)(await advance.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;

            insert.Parameters["$partition"].Value = partition;
            insert.Parameters["$namespace"].Value = streamId.Namespace;
            insert.Parameters["$key"].Value = keyBytes;
            insert.Parameters["$enqueued_at"].Value = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            insert.Parameters["$projected"].Value = hasProjection;
            var sequence = last - events.Count;
            foreach (var e in events)
            {
                insert.Parameters["$sequence"].Value = ++sequence;
                insert.Parameters["$event_type"].Value = e.EventType;
                insert.Parameters["$payload"].Value = e.Payload;
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            // Payloads stay referenced by the parameter otherwise.
            insert.Parameters["$payload"].Value = Array.Empty<byte>();
            advance.Transaction = null;
            insert.Transaction = null;
        }

        if (projected is not null)
        {
            await projected.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
        }

        return last;
    }

    /// <summary>
    /// Calls every wake-up callback registered on a queue of this file in this process; one that throws does not stop
    /// the others, nor fail the append.
    /// </summary>
    internal void RaiseAppended(int partition)
    {
        foreach (var callback in _writer.AppendedCallbacks)
        {
            try
            {
                callback(partition);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A wake-up may be lost: agents poll slowly as well.
                LogWakeUpFailed(_logger, ex, _name, partition);
            }
        }
    }

    /// <summary>Runs one write statement on the shared write connection, under the write gate.</summary>
    private async Task<object?> WriteAsync(string sql, Action<SqliteCommand> bind, string operation, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            await using var command = _preparedOn!.CreateCommand();
            command.CommandText = sql;
            bind(command);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, operation);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return connection;
    }

    private static async Task ReadSubscribersAsync(
        SqliteConnection connection, ReadOnlyMemory<StreamId> streams, Dictionary<StreamId, IReadOnlyList<GrainId>> result,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var sql = new StringBuilder(
            "SELECT stream_namespace, stream_key, grain_type, grain_key FROM stream_subscriptions " +
            "WHERE (stream_namespace, stream_key) IN (VALUES ");
        var span = streams.Span;
        for (var i = 0; i < span.Length; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append("($n").Append(i).Append(", $k").Append(i).Append(')');
            command.Parameters.Add("$n" + i, SqliteType.Text).Value = span[i].Namespace;
            command.Parameters.Add("$k" + i, SqliteType.Blob).Value = EncodeStreamKey(span[i]);
        }

        command.CommandText = sql.Append(") ORDER BY stream_namespace, stream_key, grain_type, grain_key").ToString();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        List<GrainId>? subscribers = null;
        StreamId current = default;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var streamId = new StreamId(reader.GetString(0), DecodeKey(reader, 1));
            if (subscribers is null || streamId != current)
            {
                current = streamId;
                result[streamId] = subscribers = [];
            }

            subscribers.Add(new GrainId(reader.GetString(2), DecodeKey(reader, 3)));
        }
    }

    private static void AddSubscription(SqliteCommand command, StreamId streamId, byte[] keyBytes, GrainId subscriber, byte[] subscriberKey)
    {
        command.Parameters.Add("$namespace", SqliteType.Text).Value = streamId.Namespace;
        command.Parameters.Add("$key", SqliteType.Blob).Value = keyBytes;
        command.Parameters.Add("$grain_type", SqliteType.Text).Value = subscriber.GrainType;
        command.Parameters.Add("$grain_key", SqliteType.Blob).Value = subscriberKey;
    }

    private void CheckPartition(int partition)
    {
        if ((uint)partition >= (uint)PartitionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Partitions are numbered 0 to {PartitionCount - 1}.");
        }
    }

    private static byte[] EncodeStreamKey(StreamId streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId.Namespace, nameof(streamId));
        GrainId.ValidateKey(streamId.Key, nameof(streamId));
        return s_strictUtf8.GetBytes(streamId.Key);
    }

    private static byte[] EncodeSubscriberKey(GrainId subscriber)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriber.GrainType, nameof(subscriber));
        GrainId.ValidateKey(subscriber.Key, nameof(subscriber));
        return s_strictUtf8.GetBytes(subscriber.Key);
    }

    private static string DecodeKey(SqliteDataReader reader, int ordinal) => s_strictUtf8.GetString((byte[])reader.GetValue(ordinal));

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Stream provider '{Name}': a wake-up callback for partition {Partition} failed")]
    private static partial void LogWakeUpFailed(ILogger logger, Exception exception, string name, int partition);
}

/// <summary>An append checked and ready to write: what <see cref="SqliteStreamQueue.PrepareAppendAsync"/> made before the write gate.</summary>
internal sealed record PreparedAppend(
    StreamId StreamId,
    byte[] KeyBytes,
    int Partition,
    IReadOnlyList<EncodedStreamEvent> Events,
    bool HasProjection,
    SqliteOutboxProjection.ProjectedRows? Projected);
