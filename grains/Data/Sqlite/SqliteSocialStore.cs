using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Weft.Persistence.Sqlite;

namespace Weft.Grains.Data.Sqlite;

/// <summary>
/// The social store in a SQLite file, the same file as the <c>Default</c> grain storage (WAL mode). Writes go through
/// the runtime's one write path for the file (<see cref="SqliteWriter"/>: one gate, one connection), shared with the
/// grain storage and the stream queue, so they queue instead of failing with SQLITE_BUSY; the store keeps its write
/// statements prepared on that connection. Reads use pooled connections and never wait for writers.
/// </summary>
/// <remarks>
/// An in-memory database (<c>Mode=Memory</c>, for the <c>Memory</c> provider) has one connection, shared by every store
/// naming it in this process (<see cref="SqliteWriter.AcquireInMemory"/>): it keeps the database alive, and reads and
/// writes run on it one at a time, since a second connection to a shared-cache database fails with SQLITE_LOCKED
/// instead of waiting. A private <c>:memory:</c> database is the store's alone.
/// </remarks>
public sealed partial class SqliteSocialStore : ISocialStore, IAsyncDisposable, IDisposable
{
    private readonly string? _readConnectionString;
    private readonly SqliteWriter _writer;
    private readonly SemaphoreSlim _gate;
    private readonly SchemaOnce _schema;

    // Guarded by _gate: statements kept prepared on the write connection.
    private readonly PreparedStatements _prepared = new();
    private bool _disposed;
    private int _released;

    /// <summary>Creates the store; the file (and its directory) is created on first use.</summary>
    /// <param name="connectionString">
    /// A Microsoft.Data.Sqlite connection string naming a file (relative paths resolve against the current directory),
    /// or an in-memory database (<c>Mode=Memory</c> or <c>Data Source=:memory:</c>).
    /// </param>
    /// <exception cref="ArgumentException">The connection string is malformed or names no database.</exception>
    public SqliteSocialStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrWhiteSpace(builder.DataSource))
        {
            throw new ArgumentException("The SQLite connection string names no database (Data Source=…).", nameof(connectionString));
        }

        if (builder.DataSource == ":memory:")
        {
            _writer = SqliteWriter.AcquireInMemory($":memory:{Guid.NewGuid():N}", builder.ToString());
        }
        else if (builder.Mode == SqliteOpenMode.Memory)
        {
            _writer = SqliteWriter.AcquireInMemory(builder.DataSource, builder.ToString());
        }
        else
        {
            var path = Path.GetFullPath(builder.DataSource);
            builder.DataSource = path;
            builder.Pooling = true;
            _readConnectionString = builder.ToString();
            _writer = SqliteWriter.Acquire(path, _readConnectionString);
        }

        _gate = _writer.Gate;

        _schema = new SchemaOnce(CreateSchemaAsync);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            _prepared.Close();
        }
        finally
        {
            _gate.Release();
        }

        // The write connection closes with the last user of the database; pooled read connections are let go here.
        await _writer.ReleaseAsync().ConfigureAwait(false);
        if (_readConnectionString is not null)
        {
            using var connection = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(connection);
        }

        _schema.Dispose();
    }

    /// <inheritdoc />
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Holds the write gate and the write connection until disposed.</summary>
    private async ValueTask<Session> BeginWriteAsync(bool ensureSchema, CancellationToken cancellationToken)
    {
        if (ensureSchema)
        {
            await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = await _writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            _prepared.UseConnection(connection);

            return new Session(this, connection, ownsConnection: false);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>A read connection of the pool (or, in memory, the one connection under the gate) until disposed.</summary>
    private async ValueTask<Session> BeginReadAsync(CancellationToken cancellationToken)
    {
        if (_writer.InMemory)
        {
            return await BeginWriteAsync(ensureSchema: true, cancellationToken).ConfigureAwait(false);
        }

        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new Session(this, connection, ownsConnection: true);
    }

    /// <summary>A list of ids as a JSON array text, for <c>IN (SELECT value FROM json_each($ids))</c>.</summary>
    private static string JsonArray(IReadOnlyList<long> ids)
    {
        var builder = new StringBuilder(2 + (ids.Count * 20));
        builder.Append('[');
        for (var i = 0; i < ids.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(ids[i].ToString(CultureInfo.InvariantCulture));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>A list of strings as a JSON array text, for <c>IN (SELECT value FROM json_each($names))</c>.</summary>
    private static string JsonArray(IReadOnlyList<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static async Task<List<long>> ReadIdsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static async Task<List<(long Id, long Other)>> ReadPairsAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(long, long)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        return rows;
    }

    private static void AddPage(SqliteCommand command, PageBounds bounds)
    {
        command.Parameters.Add("$after", SqliteType.Integer).Value = bounds.After;
        command.Parameters.Add("$before", SqliteType.Integer).Value = bounds.Before;
        command.Parameters.Add("$limit", SqliteType.Integer).Value = bounds.Limit;
    }

    /// <summary>
    /// A connection for one operation: the write connection under the gate (released on dispose), or a pooled read
    /// connection (closed on dispose).
    /// </summary>
    private readonly struct Session(SqliteSocialStore store, SqliteConnection connection, bool ownsConnection) : IDisposable
    {
        public SqliteConnection Connection => connection;

        /// <summary>A statement kept prepared on the write connection; never dispose it.</summary>
        public SqliteCommand Prepared(string sql, SqliteTransaction? transaction = null) => store._prepared.Get(sql, transaction);

        /// <summary>A new command on this session's connection; dispose it.</summary>
        public SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }

        public void Dispose()
        {
            if (ownsConnection)
            {
                connection.Dispose();
            }
            else
            {
                store._gate.Release();
            }
        }
    }
}
