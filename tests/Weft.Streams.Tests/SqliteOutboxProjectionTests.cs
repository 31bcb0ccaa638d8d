using System.Text;
using Microsoft.Data.Sqlite;
using Weft.Persistence;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>
/// Inline projections on SQLite: rows derived from a namespace's events commit in the transaction that appends them,
/// only for appends that went through, and a projection that fails stores nothing of its append.
/// </summary>
public sealed class SqliteOutboxProjectionTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-sqlite-projection-" + Guid.NewGuid().ToString("N"));
    private SqliteGrainStorage _storage = null!;
    private SqliteStreamQueue _queue = null!;

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
        _queue = new SqliteStreamQueue(
            "Default",
            new SqliteStreamQueueOptions { ConnectionString = ConnectionString, PartitionCount = 4 },
            projections: [new PayloadProjection("posts", "projected"), new PayloadProjection("broken", "missing"), new UnreadyProjection()]);
        await _storage.InitializeAsync(CancellationToken.None);
        await _queue.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _storage.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Rows_are_written_with_the_appends_that_went_through_and_no_others()
    {
        var key = new GrainStateKey("author", "ada", "state");
        var stream = new StreamId("posts", "ada");
        var first = await _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("p1", "p2"), CancellationToken.None);
        await _storage.WriteAsync(key, Bytes("v2 elsewhere"), first.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v3"), first.Etag, _queue, stream, Events("stale"), CancellationToken.None));
        await _queue.AppendAsync(stream, Events("plain"), CancellationToken.None);
        await _queue.AppendAsync(new StreamId("other", "ada"), Events("elsewhere"), CancellationToken.None);

        Assert.Equal(["ada:p1", "ada:p2", "ada:plain"], await ProjectedAsync());
    }

    [Fact]
    public async Task A_failing_projection_stores_neither_the_state_nor_the_events()
    {
        var key = new GrainStateKey("author", "bob", "state");
        var stream = new StreamId("broken", "bob");

        await Assert.ThrowsAsync<GrainStorageException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("b1"), CancellationToken.None));
        await Assert.ThrowsAsync<StreamPublishException>(() => _queue.AppendAsync(stream, Events("b2"), CancellationToken.None));

        Assert.Null(await _storage.ReadAsync(key, CancellationToken.None));
        var partition = StreamPartitioner.GetPartition(stream, _queue.PartitionCount);
        Assert.DoesNotContain(await _queue.ReadAsync(partition, 0, 100, CancellationToken.None), e => e.StreamId == stream);
        // The failure took no sequence number.
        Assert.Equal(1, await _queue.AppendAsync(new StreamId("broken-not", "bob"), Events("fine"), CancellationToken.None));
    }

    [Fact]
    public async Task A_projection_that_cannot_make_its_rows_fails_the_append_with_the_providers_error()
    {
        var key = new GrainStateKey("author", "cy", "state");
        var stream = new StreamId("unready", "cy");

        var outbox = await Assert.ThrowsAsync<GrainStorageException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("u1"), CancellationToken.None));
        var append = await Assert.ThrowsAsync<StreamPublishException>(() => _queue.AppendAsync(stream, Events("u2"), CancellationToken.None));

        Assert.IsType<SqliteException>(outbox.InnerException);
        Assert.IsType<SqliteException>(append.InnerException);
        Assert.Null(await _storage.ReadAsync(key, CancellationToken.None));
        var partition = StreamPartitioner.GetPartition(stream, _queue.PartitionCount);
        Assert.DoesNotContain(await _queue.ReadAsync(partition, 0, 100, CancellationToken.None), e => e.StreamId == stream);
    }

    private async Task<List<string>> ProjectedAsync()
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

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EncodedStreamEvent[] Events(params string[] texts) => [.. texts.Select(text => new EncodedStreamEvent("Test.Event", Bytes(text)))];

    /// <summary>Projects each event to (stream key, payload text) in <c>table</c>.</summary>
    private sealed class PayloadProjection(string streamNamespace, string table) : SqliteOutboxProjection<(string Key, string Payload)>(streamNamespace)
    {
        protected override ValueTask<IReadOnlyList<(string Key, string Payload)>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<(string, string)>>([.. events.Select(e => (streamId.Key, Encoding.UTF8.GetString(e.Payload)))]);

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
