using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Persistence;
using Weft.Runtime.Streams;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.Sqlite;

/// <summary>
/// Stores grain state in a SQLite file, with the same contract and table shape as the PostgreSQL provider: a primary
/// key on (grain type, grain key bytes, state name), a version that is the ETag, conditional single-statement writes
/// and tombstones on clear. The file runs in WAL mode, so reads (on pooled connections) never wait for the writer.
/// </summary>
/// <remarks>
/// SQLite allows one writer at a time. Writes go through one connection guarded by a semaphore, so concurrent grains
/// queue here instead of failing with SQLITE_BUSY; the connection keeps its statements prepared. That connection and
/// semaphore belong to the file, not to the provider (<see cref="SqliteWriter"/>): a <see cref="SqliteStreamQueue"/>
/// on the same file writes through them too, which is also what lets <see cref="WriteWithEventsAsync"/> write state
/// and stream events in one transaction.
/// </remarks>
public sealed partial class SqliteGrainStorage : IOutboxGrainStorage, IAsyncDisposable, IDisposable
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly string _name;
    private readonly string _settings;
    private readonly string _connectionString;
    private readonly string _path;
    private readonly string _table;
    private readonly ILogger _logger;
    private readonly SqliteWriter _writer;
    private readonly SemaphoreSlim _writeGate;

    private readonly string _readSql;
    private readonly string _insertSql;
    private readonly string _updateSql;
    private readonly string _clearSql;

    // Guarded by _writeGate. The statements are prepared on _preparedOn, the shared write connection.
    private SqliteConnection? _preparedOn;
    private SqliteCommand? _insert;
    private SqliteCommand? _update;
    private SqliteCommand? _clear;
    private bool _ready;
    private bool _disposed;
    private int _released;

    /// <summary>Creates the provider. The file is opened by <see cref="InitializeAsync"/> or the first call.</summary>
    /// <param name="name">The provider's name (<c>Weft:Storage:&lt;name&gt;</c>), used in error messages.</param>
    /// <param name="options">Connection string and table.</param>
    /// <param name="logger">Logs where the file is; optional.</param>
    /// <exception cref="GrainStorageException">The connection string is malformed or names no file.</exception>
    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, ILogger<SqliteGrainStorage>? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _settings = $"{GrainStorageServiceCollectionExtensions.StorageSection}:{name}";
        _logger = logger ?? NullLogger<SqliteGrainStorage>.Instance;

        SqliteConnectionStringBuilder builder;
        try
        {
            builder = new SqliteConnectionStringBuilder(options.ConnectionString);
        }
        catch (ArgumentException ex)
        {
            throw new GrainStorageException(
                $"Storage provider '{name}' cannot use its SQLite connection string — check {_settings}:ConnectionString: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new GrainStorageException(
                $"Storage provider '{name}' needs a SQLite file, for example Data Source=./data/weft.db — check {_settings}:ConnectionString " +
                "(for state kept in memory use Provider=Memory).");
        }

        if (string.IsNullOrWhiteSpace(options.Table))
        {
            throw new GrainStorageException($"Storage provider '{name}' needs a table name: check {_settings}:Table.");
        }

        _path = Path.GetFullPath(builder.DataSource);
        builder.DataSource = _path;
        builder.Pooling = true;
        _connectionString = builder.ToString();

        _table = "\"" + options.Table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        const string Key = "grain_type = $type AND grain_key = $key AND state_name = $state";
        const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
        _readSql = $"SELECT data, version FROM {_table} WHERE {Key}";
        _insertSql =
            $"INSERT INTO {_table} (grain_type, grain_key, state_name, data, version, modified_at) " +
            $"VALUES ($type, $key, $state, $data, 1, {Now}) ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING RETURNING version";
        _updateSql = $"UPDATE {_table} SET data = $data, version = version + 1, modified_at = {Now} WHERE {Key} AND version = $version RETURNING version";
        _clearSql = $"UPDATE {_table} SET data = NULL, version = version + 1, modified_at = {Now} WHERE {Key} AND version = $version RETURNING version";

        _writer = SqliteWriter.Acquire(_path, _connectionString);
        _writeGate = _writer.Gate;
    }

    /// <inheritdoc />
    public async Task<StoredGrainState?> ReadAsync(GrainStateKey key, CancellationToken cancellationToken)
    {
        var keyBytes = EncodeKey(key);
        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = _readSql;
            AddKey(command, key, keyBytes);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            var data = reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0);
            return new StoredGrainState(data, FormatEtag(reader.GetInt64(1)));
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "read", key);
        }
    }

    /// <inheritdoc />
    public async Task<string> WriteAsync(GrainStateKey key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken)
    {
        var expected = ParseEtag(key, etag);
        var keyBytes = EncodeKey(key);
        object? version;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var command = expected is null ? _insert! : _update!;
            SetKey(command, key, keyBytes);
            SetData(command.Parameters["$data"], data);
            if (expected is { } v)
            {
                command.Parameters["$version"].Value = v;
            }

            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "write", key);
        }
        finally
        {
            _writeGate.Release();
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
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            var command = _clear!;
            SetKey(command, key, keyBytes);
            command.Parameters["$version"].Value = expected.Value;
            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, "clear", key);
        }
        finally
        {
            _writeGate.Release();
        }

        return version is long newVersion
            ? FormatEtag(newVersion)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
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

        // The write connection closes with the last provider using the file.
        await _writer.ReleaseAsync().ConfigureAwait(false);

        // Pooled read connections keep the file open; release them so the file can be moved or deleted.
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static void AddKey(SqliteCommand command, GrainStateKey key, byte[] keyBytes)
    {
        command.Parameters.Add("$type", SqliteType.Text).Value = key.GrainType;
        command.Parameters.Add("$key", SqliteType.Blob).Value = keyBytes;
        command.Parameters.Add("$state", SqliteType.Text).Value = key.StateName;
    }

    private static void SetKey(SqliteCommand command, GrainStateKey key, byte[] keyBytes)
    {
        command.Parameters["$type"].Value = key.GrainType;
        command.Parameters["$key"].Value = keyBytes;
        command.Parameters["$state"].Value = key.StateName;
    }

    private static void SetData(SqliteParameter parameter, ReadOnlyMemory<byte> data)
    {
        // Bind the caller's array without a copy when the memory is a whole array or its prefix.
        if (MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Array is { } array)
        {
            parameter.Value = array;
            parameter.Size = segment.Count;
        }
        else
        {
            parameter.Value = data.ToArray();
            parameter.Size = data.Length;
        }
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

    private async Task<InconsistentStateException> ConflictAsync(GrainStateKey key, string? etag, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(key, cancellationToken).ConfigureAwait(false);
        return Conflict(key, current?.Etag, etag);
    }

}
