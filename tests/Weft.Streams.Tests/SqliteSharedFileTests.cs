using System.Text;
using Microsoft.Data.Sqlite;
using Weft.Persistence;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>A grain storage and a stream queue on one SQLite file: one write path, and the outbox.</summary>
public sealed class SqliteSharedFileTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-sqlite-shared-" + Guid.NewGuid().ToString("N"));
    private SqliteGrainStorage _storage = null!;
    private SqliteStreamQueue _queue = null!;

    private string DatabasePath => Path.Combine(_directory, "data", "weft.db");

    public async Task InitializeAsync()
    {
        _storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={DatabasePath}" });
        // The same file, named differently: the paths are compared in full.
        _queue = new SqliteStreamQueue("Default", new SqliteStreamQueueOptions
        {
            ConnectionString = $"Data Source={Path.Combine(_directory, "data", "..", "data", "weft.db")}",
            PartitionCount = 4,
        });
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

    private static GrainStateKey Key(string key = "ada") => new("author", key, "profile");

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EncodedStreamEvent Event(string text) => new("Posts.Created", Encoding.UTF8.GetBytes(text));

    private async Task<List<QueuedStreamEvent>> ReadStreamAsync(StreamId streamId) =>
        [.. (await _queue.ReadAsync(StreamPartitioner.GetPartition(streamId, _queue.PartitionCount), 0, 1000, CancellationToken.None))
            .Where(e => e.StreamId == streamId)];

    [Fact]
    public async Task Concurrent_state_writes_and_appends_on_one_file_never_fail_busy()
    {
        const int Writers = 16;
        const int WritesPerWriter = 25;
        var stream = new StreamId("posts", "ada");

        var writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            string? etag = null;
            for (var i = 0; i < WritesPerWriter; i++)
            {
                etag = await _storage.WriteAsync(Key($"writer-{w}"), Bytes($"{i}"), etag, CancellationToken.None);
            }
        }));
        var appenders = Enumerable.Range(0, Writers).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter; i++)
            {
                await _queue.AppendAsync(stream, [Event($"{a}/{i}")], CancellationToken.None);
            }
        }));
        var outboxes = Enumerable.Range(0, Writers).Select(o => Task.Run(async () =>
        {
            string? etag = null;
            for (var i = 0; i < WritesPerWriter; i++)
            {
                etag = (await _storage.WriteWithEventsAsync(
                    Key($"outbox-{o}"), Bytes($"{i}"), etag, _queue, new StreamId("posts", $"outbox-{o}"), [Event($"{i}")], CancellationToken.None)).Etag;
            }
        }));

        await Task.WhenAll(writers.Concat(appenders).Concat(outboxes));

        for (var w = 0; w < Writers; w++)
        {
            var state = await _storage.ReadAsync(Key($"writer-{w}"), CancellationToken.None);
            Assert.Equal($"{WritesPerWriter - 1}", Encoding.UTF8.GetString(state!.Data!));
            Assert.Equal($"{WritesPerWriter}", state.Etag);
            Assert.Equal(WritesPerWriter, (await ReadStreamAsync(new StreamId("posts", $"outbox-{w}"))).Count);
        }

        Assert.Equal(Enumerable.Range(1, Writers * WritesPerWriter).Select(s => (long)s), (await ReadStreamAsync(stream)).Select(e => e.Sequence));
    }

    [Fact]
    public async Task The_outbox_writes_the_state_and_the_events_together_and_wakes_the_partition()
    {
        var stream = new StreamId("posts", "ada");
        var woken = new List<int>();
        using var registration = _queue.OnAppended(p => { lock (woken) { woken.Add(p); } });
        await _queue.AppendAsync(stream, [Event("earlier")], CancellationToken.None);

        var result = await _storage.WriteWithEventsAsync(
            Key(), Bytes("{\"posts\":1}"), null, _queue, stream, [Event("post 1"), Event("post 2")], CancellationToken.None);

        Assert.Equal(new OutboxWriteResult("1", 3), result);
        var state = await _storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal("{\"posts\":1}", Encoding.UTF8.GetString(state!.Data!));
        Assert.Equal("1", state.Etag);
        Assert.Equal(["1:earlier", "2:post 1", "3:post 2"], (await ReadStreamAsync(stream)).Select(e => $"{e.Sequence}:{Encoding.UTF8.GetString(e.Payload)}"));
        var partition = StreamPartitioner.GetPartition(stream, _queue.PartitionCount);
        lock (woken)
        {
            Assert.Equal([partition, partition], woken);
        }

        var next = await _storage.WriteWithEventsAsync(Key(), Bytes("{\"posts\":2}"), result.Etag, _queue, stream, [Event("post 3")], CancellationToken.None);
        Assert.Equal(new OutboxWriteResult("2", 4), next);
    }

    [Fact]
    public async Task A_stale_ETag_writes_neither_state_nor_events()
    {
        var stream = new StreamId("posts", "ada");
        var etag = await _storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        await _storage.WriteAsync(Key(), Bytes("v2"), etag, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteWithEventsAsync(Key(), Bytes("v3"), etag, _queue, stream, [Event("lost")], CancellationToken.None));
        var first = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteWithEventsAsync(Key(), Bytes("v3"), null, _queue, stream, [Event("lost")], CancellationToken.None));

        Assert.Equal("2", error.StoredEtag);
        Assert.Equal("2", first.StoredEtag);
        Assert.Equal("v2", Encoding.UTF8.GetString((await _storage.ReadAsync(Key(), CancellationToken.None))!.Data!));
        Assert.Empty(await ReadStreamAsync(stream));
        // The stream's numbering did not move either.
        Assert.Equal(1, await _queue.AppendAsync(stream, [Event("next")], CancellationToken.None));
    }

    [Fact]
    public async Task When_the_events_cannot_be_stored_the_state_is_not_written_either()
    {
        var stream = new StreamId("posts", "ada");
        var etag = await _storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE stream_events";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<GrainStorageException>(() =>
            _storage.WriteWithEventsAsync(Key(), Bytes("v2"), etag, _queue, stream, [Event("post")], CancellationToken.None));

        Assert.Contains("stream_events", error.Message, StringComparison.Ordinal);
        var state = await _storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal("v1", Encoding.UTF8.GetString(state!.Data!));
        Assert.Equal(etag, state.Etag);
        // The storage's own writes still work on the shared connection afterwards.
        Assert.Equal("2", await _storage.WriteAsync(Key(), Bytes("v2"), etag, CancellationToken.None));
    }

    [Fact]
    public async Task The_outbox_refuses_a_queue_in_another_database()
    {
        await using var elsewhere = new SqliteStreamQueue("Events", new SqliteStreamQueueOptions
        {
            ConnectionString = $"Data Source={Path.Combine(_directory, "other", "events.db")}",
        });
        var memory = new MemoryStreamQueue();
        var stream = new StreamId("posts", "ada");

        var sqliteError = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _storage.WriteWithEventsAsync(Key(), Bytes("v1"), null, elsewhere, stream, [Event("post")], CancellationToken.None));
        var memoryError = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            _storage.WriteWithEventsAsync(Key(), Bytes("v1"), null, memory, stream, [Event("post")], CancellationToken.None));

        Assert.Contains("one database", sqliteError.Message, StringComparison.Ordinal);
        Assert.Contains("one database", memoryError.Message, StringComparison.Ordinal);
        Assert.Null(await _storage.ReadAsync(Key(), CancellationToken.None));
    }

    [Fact]
    public async Task State_and_events_written_by_the_outbox_survive_a_restart()
    {
        var stream = new StreamId("posts", "ada");
        var result = await _storage.WriteWithEventsAsync(Key(), Bytes("saved"), null, _queue, stream, [Event("post")], CancellationToken.None);
        await _queue.DisposeAsync();
        await _storage.DisposeAsync();
        SqliteConnection.ClearAllPools();

        await using var storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={DatabasePath}" });
        await using var queue = new SqliteStreamQueue("Default", new SqliteStreamQueueOptions { ConnectionString = $"Data Source={DatabasePath}", PartitionCount = 4 });
        await queue.InitializeAsync(CancellationToken.None);

        var state = await storage.ReadAsync(Key(), CancellationToken.None);
        Assert.Equal(result.Etag, state!.Etag);
        var events = await queue.ReadAsync(StreamPartitioner.GetPartition(stream, 4), 0, 10, CancellationToken.None);
        Assert.Equal("post", Encoding.UTF8.GetString(Assert.Single(events).Payload));
        Assert.Equal(2, (await storage.WriteWithEventsAsync(Key(), Bytes("again"), result.Etag, queue, stream, [Event("post 2")], CancellationToken.None)).LastSequence);
    }
}
