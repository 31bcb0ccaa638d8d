using Microsoft.Data.Sqlite;
using Weft.Persistence;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Testing.Time;
using Xunit;

namespace Weft.Streams.Tests;

public sealed class SqliteStreamQueueTests : StreamQueueContractTests
{
    // A temporary directory per test; each fresh store is a new file in it, in a sub-directory the queue must create.
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-sqlite-streams-" + Guid.NewGuid().ToString("N"));
    private string _databasePath = "";

    protected override IStreamQueue CreateQueue(int partitionCount)
    {
        _databasePath = Path.Combine(_directory, Guid.NewGuid().ToString("N"), "weft.db");
        return CreateQueueOnSameStore(partitionCount);
    }

    protected override IStreamQueue CreateQueueOnSameStore(int partitionCount) =>
        new SqliteStreamQueue("Default", new SqliteStreamQueueOptions { ConnectionString = $"Data Source={_databasePath}", PartitionCount = partitionCount });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_file_runs_in_WAL_mode_with_the_expected_tables()
    {
        await using var connection = new SqliteConnection($"Data Source={_databasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stream%' ORDER BY name)";
        Assert.Equal("stream_dead_letters,stream_events,stream_heads,stream_partitions,stream_subscriptions", await command.ExecuteScalarAsync());
        command.CommandText = "SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_table_info('stream_subscriptions') WHERE pk > 0 ORDER BY pk)";
        Assert.Equal("stream_namespace,stream_key,grain_type,grain_key", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Events_subscriptions_leases_and_dead_letters_survive_a_restart()
    {
        var stream = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        var follower = new GrainId("timeline", "grace");
        await Queue.AppendAsync(stream, Events("1", "2", "3"), CancellationToken.None);
        await Queue.SubscribeAsync(stream, follower, CancellationToken.None);
        var lease = await Queue.TryAcquireAsync(0, "silo-a", TimeSpan.FromMinutes(1), CancellationToken.None);
        var first = (await Queue.ReadAsync(0, 0, 1, CancellationToken.None))[0];
        await Queue.CommitAsync(lease!, first.Id, CancellationToken.None);
        await Queue.DeadLetterAsync(
            new StreamDeadLetter(stream, 1, follower, "T", [1, 2], 5, "boom", DateTimeOffset.UnixEpoch), CancellationToken.None);
        await ((IAsyncDisposable)Queue).DisposeAsync();
        SqliteConnection.ClearAllPools();

        var restarted = await NewQueueOnSameStoreAsync();

        Assert.Equal(["2", "3"], (await restarted.ReadAsync(0, 0, 10, CancellationToken.None)).Select(e => Text(e.Payload)));
        Assert.Equal([follower], (await restarted.GetSubscribersAsync([stream], CancellationToken.None))[stream]);
        Assert.Null(await restarted.TryAcquireAsync(0, "silo-b", TimeSpan.FromMinutes(1), CancellationToken.None));
        var again = await restarted.TryAcquireAsync(0, "silo-a", TimeSpan.FromMinutes(1), CancellationToken.None);
        Assert.Equal(first.Id, again!.Checkpoint);
        Assert.Single(await restarted.ReadDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(4, await restarted.AppendAsync(stream, Events("4"), CancellationToken.None));
    }

    [Fact]
    public async Task Ids_are_never_reused_after_the_partition_is_emptied()
    {
        var stream = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(stream, Events("1", "2"), CancellationToken.None);
        var lease = await Queue.TryAcquireAsync(0, "silo-a", TimeSpan.FromMinutes(1), CancellationToken.None);
        var read = await Queue.ReadAsync(0, 0, 10, CancellationToken.None);
        lease = await Queue.CommitAsync(lease!, read[^1].Id, CancellationToken.None);

        await Queue.AppendAsync(stream, Events("3"), CancellationToken.None);

        var next = Assert.Single(await Queue.ReadAsync(0, lease!.Checkpoint, 10, CancellationToken.None));
        Assert.Equal("3", Text(next.Payload));
        Assert.True(next.Id > read[^1].Id);
    }

    [Fact]
    public async Task Leases_expire_by_the_time_provider_given_and_times_are_stored_in_milliseconds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 123, TimeSpan.Zero));
        await using var queue = new SqliteStreamQueue(
            "Default", new SqliteStreamQueueOptions { ConnectionString = $"Data Source={_databasePath}", PartitionCount = DefaultPartitionCount }, time);
        var stream = StreamsInPartition(partition: 1, DefaultPartitionCount, count: 1)[0];

        var lease = await queue.TryAcquireAsync(1, "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None);
        await queue.AppendAsync(stream, Events("x"), CancellationToken.None);

        Assert.Equal(time.UtcNow.AddSeconds(30), lease!.ExpiresAt);
        Assert.Equal(time.UtcNow, (await queue.ReadAsync(1, 0, 1, CancellationToken.None))[0].EnqueuedAt);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await queue.TryAcquireAsync(1, "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        var taken = await queue.TryAcquireAsync(1, "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(lease.Epoch + 1, taken!.Epoch);
        Assert.Null(await queue.RenewAsync(lease, TimeSpan.FromSeconds(30), CancellationToken.None));
    }

    [Fact]
    public void A_missing_connection_string_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<GrainStorageException>(() => new SqliteStreamQueue("Events", new SqliteStreamQueueOptions()));

        Assert.Contains("Weft:Streams:Events:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_memory_connection_string_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<GrainStorageException>(
            () => new SqliteStreamQueue("Events", new SqliteStreamQueueOptions { ConnectionString = "Data Source=:memory:" }));

        Assert.Contains("Weft:Streams:Events:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_fails_naming_the_setting()
    {
        var corrupt = Path.Combine(_directory, "corrupt.db");
        await File.WriteAllBytesAsync(corrupt, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7))]);
        await using var queue = new SqliteStreamQueue("Events", new SqliteStreamQueueOptions { ConnectionString = $"Data Source={corrupt}" });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => queue.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Streams:Events:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unwritable_path_fails_naming_the_setting()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        await using var queue = new SqliteStreamQueue(
            "Events", new SqliteStreamQueueOptions { ConnectionString = $"Data Source={Path.Combine(blocker, "sub", "weft.db")}" });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => queue.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Streams:Events:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_append_throws_StreamPublishException_naming_the_setting()
    {
        var stream = new StreamId("posts", "ada");
        await Queue.AppendAsync(stream, Events("1"), CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={_databasePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE stream_events";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<StreamPublishException>(() => Queue.AppendAsync(stream, Events("2"), CancellationToken.None));

        Assert.Contains("Weft:Streams:Default:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was published", error.Message, StringComparison.Ordinal);
        // Initializing again re-creates the table, and the stream's numbering did not move.
        await Queue.InitializeAsync(CancellationToken.None);
        Assert.Equal(2, await Queue.AppendAsync(stream, Events("2"), CancellationToken.None));
    }

    [Fact]
    public async Task An_append_wakes_every_queue_on_the_file_in_this_process()
    {
        var other = await NewQueueOnSameStoreAsync();
        var stream = StreamsInPartition(partition: 3, DefaultPartitionCount, count: 1)[0];
        var woken = new List<int>();
        using var registration = other.OnAppended(p => { lock (woken) { woken.Add(p); } });

        await Queue.AppendAsync(stream, Events("x"), CancellationToken.None);

        lock (woken)
        {
            Assert.Equal([3], woken);
        }
    }
}
