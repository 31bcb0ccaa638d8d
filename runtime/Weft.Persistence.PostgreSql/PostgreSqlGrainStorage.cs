using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Persistence;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.PostgreSql;

/// <summary>
/// Stores grain state in one PostgreSQL table keyed by (grain type, grain key, state name). Every write is a single
/// conditional statement on the row's version, which is the ETag: a first write inserts only if no row exists, later
/// writes update only if the version is unchanged, and clearing leaves a tombstone whose version keeps counting.
/// </summary>
/// <remarks>
/// The key and data columns are <c>bytea</c>, not <c>text</c>/<c>jsonb</c>. A grain key may be any Unicode string,
/// including U+0000, which PostgreSQL <c>text</c> cannot hold, so the key is stored as its exact UTF-8 bytes. The data
/// is the runtime codec's UTF-8 JSON, stored byte for byte: no jsonb parse on every write (the hot path), no
/// reordering or de-duplication of keys, and no rejection of <c>\u0000</c> inside strings, which jsonb refuses.
/// Operators can still query it: <c>convert_from(data, 'UTF8')::jsonb</c>.
/// </remarks>
public sealed partial class PostgreSqlGrainStorage : IGrainStorage, IAsyncDisposable, IDisposable
{
    // Strict: a key with a lone surrogate is refused instead of being silently merged with another key.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _name;
    private readonly string _settings;
    private readonly string _endpoint;
    private readonly string _database;
    private readonly string _user;
    private readonly string _schema;
    private readonly string _table;
    private readonly string _qualifiedTable;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgreSqlErrorContext _errorContext;
    private readonly string _databaseIdentity;
    private readonly ILogger _logger;

    private readonly string _readSql;
    private readonly string _readManySql;
    private readonly RequestCombiner<(GrainStateKey Key, byte[] KeyBytes), StoredGrainState?> _reads;
    private readonly string _insertSql;
    private readonly string _updateSql;
    private readonly string _clearSql;
    private readonly OutboxStateTable _outboxTable;

    /// <summary>Creates the provider. Nothing connects until <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="name">The provider's name (<c>Weft:Storage:&lt;name&gt;</c>), used in error messages.</param>
    /// <param name="options">Connection string, schema and table.</param>
    /// <param name="logger">Logs schema creation; optional.</param>
    /// <exception cref="GrainStorageException">The connection string is missing or malformed.</exception>
    public PostgreSqlGrainStorage(string name, PostgreSqlGrainStorageOptions options, ILogger<PostgreSqlGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _settings = $"{GrainStorageServiceCollectionExtensions.StorageSection}:{name}";
        _logger = logger ?? NullLogger<PostgreSqlGrainStorage>.Instance;

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new GrainStorageException($"Storage provider '{name}' has no PostgreSQL connection string: set {_settings}:ConnectionString.");
        }

        if (string.IsNullOrWhiteSpace(options.Schema) || string.IsNullOrWhiteSpace(options.Table))
        {
            throw new GrainStorageException($"Storage provider '{name}' needs a schema and a table name: check {_settings}:Schema and {_settings}:Table.");
        }

        var builder = PostgreSqlErrors.CreateBuilder(
            options.ConnectionString, connectTimeoutSeconds: 10, PostgreSqlPoolSizes.GrainStorage, $"Storage provider '{name}'", _settings);

        var csb = builder.ConnectionStringBuilder;
        _endpoint = $"{csb.Host ?? "localhost"}:{csb.Port.ToString(CultureInfo.InvariantCulture)}";
        _database = csb.Database ?? csb.Username ?? "(default)";
        _user = csb.Username ?? "(default)";
        _databaseIdentity = Streams.PostgreSqlStreamQueue.DatabaseIdentity(csb);
        _dataSource = builder.Build();

        _schema = options.Schema;
        _table = options.Table;
        _qualifiedTable = $"{QuoteIdentifier(options.Schema)}.{QuoteIdentifier(options.Table)}";
        _errorContext = new PostgreSqlErrorContext(
            $"Storage provider '{name}'", _settings, _endpoint, _database, _user, $"table {_qualifiedTable}", $"{_settings}:Schema and {_settings}:Table");
        const string Key = "grain_type = $1 AND grain_key = $2 AND state_name = $3";
        _readSql = $"SELECT data, version FROM {_qualifiedTable} WHERE {Key}";
        _readManySql =
            "SELECT q.ord, t.data, t.version FROM unnest($1::text[], $2::bytea[], $3::text[]) WITH ORDINALITY AS q(grain_type, grain_key, state_name, ord) " +
            $"JOIN {_qualifiedTable} t ON t.grain_type = q.grain_type AND t.grain_key = q.grain_key AND t.state_name = q.state_name";

        // Activations come in bursts (a page of statuses, a fan-out): reads that arrive together share one query.
        _reads = new RequestCombiner<(GrainStateKey, byte[]), StoredGrainState?>(ReadBatchAsync, maxBatchSize: 256, maxBatchesInFlight: 2);
        _insertSql =
            $"INSERT INTO {_qualifiedTable} (grain_type, grain_key, state_name, data, version, modified_at) " +
            "VALUES ($1, $2, $3, $4, 1, now()) ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING RETURNING version";
        _updateSql = $"UPDATE {_qualifiedTable} SET data = $4, version = version + 1, modified_at = now() WHERE {Key} AND version = $5 RETURNING version";
        _outboxTable = new OutboxStateTable(_qualifiedTable, _updateSql);
        _clearSql = $"UPDATE {_qualifiedTable} SET data = NULL, version = version + 1, modified_at = now() WHERE {Key} AND version = $4 RETURNING version";
    }

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        var keyBytes = EncodeKey(key);
        try
        {
            return await _reads.RunAsync((key, keyBytes), cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "read", key);
        }
    }

    private async Task<StoredGrainState?[]> ReadBatchAsync(IReadOnlyList<(GrainStateKey Key, byte[] KeyBytes)> reads)
    {
        var results = new StoredGrainState?[reads.Count];
        if (reads.Count == 1)
        {
            await using var command = _dataSource.CreateCommand(_readSql);
            AddKey(command, reads[0].Key, reads[0].KeyBytes);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow).ConfigureAwait(false);
            if (await reader.ReadAsync().ConfigureAwait(false))
            {
                results[0] = ReadState(reader, 0);
            }

            return results;
        }

        var types = new string[reads.Count];
        var keys = new byte[reads.Count][];
        var names = new string[reads.Count];
        for (var i = 0; i < reads.Count; i++)
        {
            (types[i], keys[i], names[i]) = (reads[i].Key.GrainType, reads[i].KeyBytes, reads[i].Key.StateName);
        }

        await using (var batch = _dataSource.CreateBatch())
        {
            // A custom plan per execution: the prepared statement's generic plan, made while the table was small, hashed
            // the whole table (a sequential scan per batch once it had grown); a custom plan sees the keys and the table
            // as they are and looks each key up in the primary key.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"));
            var read = new NpgsqlBatchCommand(_readManySql);
            read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            read.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            read.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            batch.BatchCommands.Add(read);
            await using var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false);
            await reader.NextResultAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                results[reader.GetInt64(0) - 1] = ReadState(reader, 1);
            }
        }

        return results;
    }

    private static StoredGrainState ReadState(NpgsqlDataReader reader, int first) =>
        new(reader.IsDBNull(first) ? null : reader.GetFieldValue<byte[]>(first), FormatEtag(reader.GetInt64(first + 1)));

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
    {
        var expected = ParseEtag(key, etag);
        var keyBytes = EncodeKey(key);
        object? version;
        try
        {
            await using var command = _dataSource.CreateCommand(expected is null ? _insertSql : _updateSql);
            AddKey(command, key, keyBytes);
            command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
            if (expected is { } v)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = v, NpgsqlDbType = NpgsqlDbType.Bigint });
            }

            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "write", key);
        }

        return version is long newVersion
            ? FormatEtag(newVersion)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<string?> ClearAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken)
    {
        var expected = ParseEtag(key, etag);
        if (expected is null)
        {
            // Nothing to clear when no record exists; a record the caller does not know about is a conflict.
            var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
            return current is null ? null : throw Conflict(key, current.Etag, etag);
        }

        var keyBytes = EncodeKey(key);
        object? version;
        try
        {
            await using var command = _dataSource.CreateCommand(_clearSql);
            AddKey(command, key, keyBytes);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = expected.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, "clear", key);
        }

        return version is long newVersion
            ? FormatEtag(newVersion)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();

    private static void AddKey(NpgsqlCommand command, GrainStateKey key, byte[] keyBytes) => AddKey(command.Parameters, key, keyBytes);

    private static void AddKey(NpgsqlParameterCollection parameters, GrainStateKey key, byte[] keyBytes)
    {
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.GrainType, NpgsqlDbType = NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = keyBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private byte[] EncodeKey(GrainStateKey key)
    {
        try
        {
            return s_strictUtf8.GetBytes(key.GrainKey);
        }
        catch (EncoderFallbackException ex)
        {
            throw new GrainStorageException(
                $"Storage provider '{_name}' cannot store grain state {key}: the grain key is not valid Unicode (a lone surrogate).", ex);
        }
    }

    /// <summary>Builds the conflict exception, reading the stored ETag so the message can say what changed.</summary>
    private async Task<InconsistentStateException> ConflictAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return Conflict(key, current?.Etag, etag);
    }

    /// <summary>Quotes an identifier for SQL text.</summary>
    internal static string QuoteIdentifier(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
