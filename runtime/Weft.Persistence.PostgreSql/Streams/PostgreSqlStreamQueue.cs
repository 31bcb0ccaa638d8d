using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>
/// The durable stream queue on PostgreSQL: events in one table partitioned by a column (<c>stream_events</c>, primary
/// key (partition, id)), a sequence counter per stream (<c>stream_heads</c>), one row per subscription, one lease row
/// per partition holding its owner, fencing epoch and checkpoint, and dead letters. Appending wakes agents through
/// <c>NOTIFY weft_streams</c>, sent right after the append commits (see the Notifications partial for why not inside it).
/// </summary>
/// <remarks>
/// <para>
/// <b>Commit order.</b> Agents read a partition by id and checkpoint the last id handled, so within a partition ids
/// must become visible in increasing order. An identity value is taken when a row is inserted, not when its
/// transaction commits: a transaction holding id 10 may commit after one holding id 11, and an agent that read 11 and
/// checkpointed would never see 10. Every append therefore first takes a transaction-scoped advisory lock on its
/// partition (<c>pg_advisory_xact_lock(queue, partition)</c>), held until commit, so appends to one partition take ids
/// and commit one after another, while appends to different partitions run in parallel. The alternative — reading only
/// ids below those of the oldest transaction still in flight (<c>pg_snapshot_xmin</c>) — needs a checkpoint made of a
/// transaction id and a row id, which <see cref="PartitionLease"/> does not have, and makes every read wait for the
/// slowest unrelated transaction. Appends are grouped (see the Appends partial): a group takes the locks of the
/// partitions it writes, in ascending order, and holds them until its batch commits.
/// </para>
/// <para>
/// <b>Keys.</b> Stream and grain keys are stored as their exact UTF-8 bytes (<c>bytea</c>), because a key may hold
/// U+0000, which <c>text</c> cannot; namespaces and grain types are <c>text</c>.
/// </para>
/// <para>
/// <b>Errors.</b> <see cref="AppendAsync"/> fails with <see cref="StreamPublishException"/> (what the producer sees);
/// every other operation, run by agents and subscription calls, fails with <see cref="GrainStorageException"/>. Both
/// name the setting to fix (<c>Weft:Streams:&lt;name&gt;:ConnectionString</c> and so on).
/// </para>
/// </remarks>
public sealed partial class PostgreSqlStreamQueue : IStreamQueue, IAsyncDisposable, IDisposable
{
    /// <summary>The configuration section of stream providers: <c>Weft:Streams</c>.</summary>
    public const string StreamsSection = "Weft:Streams";

    /// <summary>The NOTIFY channel; the payload is <c>&lt;schema&gt;:&lt;partition&gt;</c>.</summary>
    internal const string Channel = "weft_streams";

    // Strict: a key with a lone surrogate is refused instead of being silently merged with another key.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _name;
    private readonly string _settings;
    private readonly string _schema;
    private readonly string _databaseIdentity;
    private readonly NpgsqlDataSource _dataSource;

    // Checkpoint commits and lease renewals need not wait for the disk: if a crash loses one, the batch is delivered
    // again (consumers drop duplicates) or the lease looks shorter. Only appends and acquisitions are flushed.
    private readonly NpgsqlDataSource _bookkeepingDataSource;
    private readonly string _listenConnectionString;
    private readonly PostgreSqlErrorContext _errorContext;
    private readonly ILogger _logger;
    private readonly int _partitionLockClass;
    private readonly string[] _notifyPayloads;

    private readonly string _readSql;
    private readonly Dictionary<string, PostgreSqlOutboxProjection> _projections;

    /// <summary>Creates the queue. Nothing connects until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="name">The stream provider's name (<c>Weft:Streams:&lt;name&gt;</c>), used in error messages.</param>
    /// <param name="options">Connection string, schema and partition count.</param>
    /// <param name="logger">Logs schema creation and the notification listener; optional.</param>
    /// <param name="projections">Inline projections written with the appends of their namespaces; at most one per namespace.</param>
    /// <exception cref="GrainStorageException">The connection string is missing or malformed, or a setting is out of range.</exception>
    /// <exception cref="ArgumentException">Two projections name one namespace.</exception>
    public PostgreSqlStreamQueue(
        string name,
        PostgreSqlStreamQueueOptions options,
        ILogger<PostgreSqlStreamQueue>? logger = null,
        IEnumerable<PostgreSqlOutboxProjection>? projections = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _projections = OutboxProjection.ByNamespace(projections ?? []);
        _settings = $"{StreamsSection}:{name}";
        _logger = logger ?? NullLogger<PostgreSqlStreamQueue>.Instance;

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new GrainStorageException($"Stream provider '{name}' has no PostgreSQL connection string: set {_settings}:ConnectionString.");
        }

        if (string.IsNullOrWhiteSpace(options.Schema))
        {
            throw new GrainStorageException($"Stream provider '{name}' needs a schema name: check {_settings}:Schema.");
        }

        if (options.PartitionCount is < 1 or > 4096)
        {
            throw new GrainStorageException(
                $"Stream provider '{name}' has PartitionCount {options.PartitionCount}; it must be between 1 and 4096: check {_settings}:PartitionCount.");
        }

        var builder = PostgreSqlErrors.CreateBuilder(
            options.ConnectionString, connectTimeoutSeconds: 5, PostgreSqlPoolSizes.StreamQueue, $"Stream provider '{name}'", _settings);

        var csb = builder.ConnectionStringBuilder;
        var endpoint = $"{csb.Host ?? "localhost"}:{csb.Port.ToString(CultureInfo.InvariantCulture)}";
        var database = csb.Database ?? csb.Username ?? "(default)";
        _databaseIdentity = DatabaseIdentity(csb);
        _listenConnectionString = new NpgsqlConnectionStringBuilder(csb.ConnectionString)
        {
            // The listener holds its connection for the queue's life: outside the pool, and probed so a dead peer is noticed.
            Pooling = false,
            KeepAlive = 15,
        }.ConnectionString;
        _dataSource = builder.Build();
        var bookkeeping = new NpgsqlDataSourceBuilder(csb.ConnectionString);
        bookkeeping.ConnectionStringBuilder.Options = $"{csb.Options} -c synchronous_commit=off".Trim();
        _bookkeepingDataSource = bookkeeping.Build();

        PartitionCount = options.PartitionCount;
        _schema = options.Schema;
        var s = PostgreSqlGrainStorage.QuoteIdentifier(options.Schema);
        _errorContext = new PostgreSqlErrorContext(
            $"Stream provider '{name}'", _settings, endpoint, database, csb.Username ?? "(default)",
            $"the stream tables in schema {s}", $"{_settings}:Schema");
        _partitionLockClass = LockClass(options.Schema);
        _notifyPayloads = [.. Enumerable.Range(0, PartitionCount).Select(p => $"{options.Schema}:{p.ToString(CultureInfo.InvariantCulture)}")];
        _pendingWakeUps = new int[PartitionCount];

        // Ascending partition order (the array is sorted): groups of several silos take shared locks in one order.
        _lockPartitionsSql = "SELECT pg_advisory_xact_lock($1, p) FROM unnest($2::int[]) AS p";

        // One statement for a group's events: drop those of outbox writes whose state write did not match (see
        // OutboxStateTable), bump each stream's counter by its number of events (creating it), and insert the events
        // numbered up to it in arrival order (ids are taken in that order too). Returns each slot's last number. The
        // wake-up is sent after commit (see Notifications).
        _appendManySql = $"""
            WITH e AS (
                SELECT * FROM unnest($1::int[], $2::bool[], $3::int[], $4::text[], $5::bytea[], $6::text[], $7::bytea[], $8::bool[]) WITH ORDINALITY
                    AS e(slot, guarded, partition, stream_namespace, stream_key, event_type, payload, projected, ord)
                 WHERE NOT e.guarded OR current_setting('{OutboxStateTable.SlotSettingPrefix}' || e.slot, true) = 'matched'
            ), counts AS (
                SELECT stream_namespace, stream_key, count(*) AS n FROM e GROUP BY stream_namespace, stream_key
            ), head AS (
                INSERT INTO {s}.stream_heads AS h (stream_namespace, stream_key, last_sequence)
                SELECT stream_namespace, stream_key, n FROM counts ORDER BY stream_namespace, stream_key
                ON CONFLICT (stream_namespace, stream_key) DO UPDATE SET last_sequence = h.last_sequence + EXCLUDED.last_sequence
                RETURNING stream_namespace, stream_key, last_sequence
            ), numbered AS (
                SELECT e.slot, e.partition, e.stream_namespace, e.stream_key, e.event_type, e.payload, e.projected, e.ord,
                       head.last_sequence - counts.n + row_number() OVER (PARTITION BY e.stream_namespace, e.stream_key ORDER BY e.ord) AS sequence
                  FROM e
                  JOIN counts ON counts.stream_namespace = e.stream_namespace AND counts.stream_key = e.stream_key
                  JOIN head ON head.stream_namespace = e.stream_namespace AND head.stream_key = e.stream_key
            ), inserted AS (
                INSERT INTO {s}.stream_events (partition, stream_namespace, stream_key, sequence, event_type, payload, projected)
                SELECT partition, stream_namespace, stream_key, sequence, event_type, payload, projected FROM numbered ORDER BY ord
            )
            SELECT slot, max(sequence) FROM numbered GROUP BY slot
            """;
        _readSql =
            $"SELECT id, stream_namespace, stream_key, sequence, event_type, payload, enqueued_at, projected FROM {s}.stream_events " +
            "WHERE partition = $1 AND id > $2 ORDER BY id LIMIT $3";
        _subscribeSql =
            $"INSERT INTO {s}.stream_subscriptions (stream_namespace, stream_key, grain_type, grain_key) VALUES ($1, $2, $3, $4) " +
            "ON CONFLICT DO NOTHING";
        _unsubscribeSql =
            $"DELETE FROM {s}.stream_subscriptions WHERE stream_namespace = $1 AND stream_key = $2 AND grain_type = $3 AND grain_key = $4";
        _subscribersSql = $"""
            SELECT q.ord, sub.grain_type, sub.grain_key
              FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS q(stream_namespace, stream_key, ord)
              JOIN {s}.stream_subscriptions sub ON sub.stream_namespace = q.stream_namespace AND sub.stream_key = q.stream_key
            """;
        const string Lease = "partition, owner, epoch, checkpoint, expires_at";
        _acquireSql =
            $"UPDATE {s}.stream_partitions SET owner = $2, epoch = epoch + 1, expires_at = now() + $3 " +
            $"WHERE partition = $1 AND (owner IS NULL OR owner = $2 OR expires_at < now()) RETURNING {Lease}";
        _renewSql =
            $"UPDATE {s}.stream_partitions SET expires_at = now() + $4 WHERE partition = $1 AND owner = $2 AND epoch = $3 RETURNING {Lease}";
        _releaseSql =
            $"UPDATE {s}.stream_partitions SET owner = NULL, expires_at = '-infinity' WHERE partition = $1 AND owner = $2 AND epoch = $3";
        // The delete starts at the stored checkpoint (read in the statement's snapshot, before the update): everything
        // up to it went with the commit that stored it, and an open lower bound would walk the index over the dead
        // entries of every earlier compaction, which made this statement the costliest one under load.
        _commitSql = $"""
            WITH previous AS (
                SELECT checkpoint FROM {s}.stream_partitions WHERE partition = $1
            ), lease AS (
                UPDATE {s}.stream_partitions SET checkpoint = GREATEST(checkpoint, $4)
                 WHERE partition = $1 AND owner = $2 AND epoch = $3
                RETURNING {Lease}
            ), compacted AS (
                DELETE FROM {s}.stream_events
                 WHERE partition = $1 AND id > (SELECT checkpoint FROM previous) AND id <= $4 AND EXISTS (SELECT 1 FROM lease)
            )
            SELECT {Lease} FROM lease
            """;
        _deadLetterSql =
            $"INSERT INTO {s}.stream_dead_letters (stream_namespace, stream_key, sequence, grain_type, grain_key, event_type, payload, " +
            "attempts, error, failed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        _readDeadLettersSql =
            $"SELECT stream_namespace, stream_key, sequence, grain_type, grain_key, event_type, payload, attempts, error, failed_at " +
            $"FROM {s}.stream_dead_letters ORDER BY id LIMIT $1";
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <summary>host:port/database, to check that an outbox write and this queue share one database.</summary>
    internal string DatabaseIdentityKey => _databaseIdentity;

    private int PartitionOf(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            throw new ArgumentException("Append at least one event.", nameof(events));
        }

        return StreamPartitioner.GetPartition(streamId, PartitionCount);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueuedStreamEvent>> ReadAsync(int partition, long afterId, int maxCount, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        try
        {
            await using var command = _dataSource.CreateCommand(_readSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = afterId, NpgsqlDbType = NpgsqlDbType.Bigint });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = maxCount, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var events = new List<QueuedStreamEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new QueuedStreamEvent(
                    reader.GetInt64(0),
                    new StreamId(reader.GetString(1), DecodeKey(reader.GetFieldValue<byte[]>(2))),
                    reader.GetInt64(3),
                    reader.GetString(4),
                    reader.GetFieldValue<byte[]>(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetBoolean(7)));
            }

            return events;
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"read events of partition {partition.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private void CheckPartition(int partition)
    {
        if ((uint)partition >= (uint)PartitionCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partition), partition, $"Partitions are numbered 0 to {PartitionCount - 1}.");
        }
    }

    /// <summary>The namespace as text and the key as its exact UTF-8 bytes; refuses what PostgreSQL or UTF-8 cannot hold.</summary>
    private static (string Namespace, byte[] Key) EncodeStream(StreamId streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId.Namespace, nameof(streamId));
        ArgumentNullException.ThrowIfNull(streamId.Key, nameof(streamId));
        if (streamId.Namespace.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"A stream namespace cannot contain U+0000 (stream {streamId}).", nameof(streamId));
        }

        return (streamId.Namespace, EncodeKey(streamId.Key, nameof(streamId)));
    }

    private static byte[] EncodeKey(string key, string paramName)
    {
        try
        {
            return s_strictUtf8.GetBytes(key);
        }
        catch (EncoderFallbackException ex)
        {
            throw new ArgumentException("A key must be valid Unicode text; this one contains an unpaired surrogate.", paramName, ex);
        }
    }

    private static string DecodeKey(byte[] bytes) => s_strictUtf8.GetString(bytes);

    /// <summary>host:port/database of a connection string, as compared by the outbox.</summary>
    internal static string DatabaseIdentity(NpgsqlConnectionStringBuilder csb) =>
        $"{(csb.Host ?? "localhost").ToUpperInvariant()}:{csb.Port.ToString(CultureInfo.InvariantCulture)}/{csb.Database ?? csb.Username ?? ""}";

    /// <summary>A stable 32-bit lock class per schema (FNV-1a), so queues in different schemas do not contend.</summary>
    private static int LockClass(string schema)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes("weft.streams:" + schema))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return unchecked((int)hash);
    }
}
