using Microsoft.Data.Sqlite;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>The outbox projection contract on SQLite: rows written in the append's transaction, on one file.</summary>
public sealed class SqliteOutboxProjectionTests : OutboxProjectionContractTests, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-sqlite-projection-" + Guid.NewGuid().ToString("N"));
    private SqliteGrainStorage _storage = null!;
    private SqliteStreamQueue _queue = null!;

    protected override IOutboxGrainStorage Storage => _storage;

    protected override IStreamQueue Queue => _queue;

    protected override Type DriverException => typeof(SqliteException);

    private string ConnectionString => $"Data Source={Path.Combine(_directory, "weft.db")}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE projected (stream_key TEXT NOT NULL, payload TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync();
        }

        _storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = ConnectionString });
        _queue = CreateQueue();
        await _storage.InitializeAsync(CancellationToken.None);
        await _queue.InitializeAsync(CancellationToken.None);
    }

    protected override async Task ReopenOnTablesWithoutProjectedColumnAsync()
    {
        await _queue.DisposeAsync();
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE stream_events DROP COLUMN projected";
            await drop.ExecuteNonQueryAsync();
        }

        _queue = CreateQueue();
        await _queue.InitializeAsync(CancellationToken.None);
    }

    private SqliteStreamQueue CreateQueue() => new(
        "Default",
        new SqliteStreamQueueOptions { ConnectionString = ConnectionString, PartitionCount = 4 },
        projections: [new PayloadProjection("posts", "projected"), new PayloadProjection("broken", "missing"), new UnreadyProjection()]);

    public async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _storage.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    protected override async Task<List<string>> ProjectedAsync()
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream_key || ':' || payload FROM projected";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>Projects each event to (stream key, payload text) in <c>table</c>.</summary>
    private sealed class PayloadProjection(string streamNamespace, string table) : SqliteOutboxProjection<(string Key, string Payload)>(streamNamespace)
    {
        protected override ValueTask<IReadOnlyList<(string Key, string Payload)>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PayloadRows(streamId, events));

        protected override async Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<(string Key, string Payload)> rows, CancellationToken cancellationToken)
        {
            foreach (var (key, payload) in rows)
            {
                await using var insert = transaction.Connection!.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO {table} (stream_key, payload) VALUES ($key, $payload)";
                insert.Parameters.AddWithValue("$key", key);
                insert.Parameters.AddWithValue("$payload", payload);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    /// <summary>A projection whose rows cannot be made (its tables cannot be created, say).</summary>
    private sealed class UnreadyProjection() : SqliteOutboxProjection<string>("unready")
    {
        protected override ValueTask<IReadOnlyList<string>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            throw new SqliteException("the projection's tables cannot be created", 8);

        protected override Task WriteAsync(SqliteTransaction transaction, IReadOnlyList<string> rows, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("never reached");
    }
}
