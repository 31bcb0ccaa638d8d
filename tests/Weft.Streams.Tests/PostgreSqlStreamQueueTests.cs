using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using Weft.Persistence;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Testing;
using Weft.Testing.Xunit;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>
/// The queue contract on real PostgreSQL (a database for this class, a schema per queue store), plus PostgreSQL's own
/// behaviour: NOTIFY across instances, failing fast when the server is unreachable, the outbox, and the table shapes.
/// </summary>
public sealed class PostgreSqlStreamQueueTests(PostgreSqlDatabaseFixture database)
    : StreamQueueContractTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    private const string ProviderName = "Feed";

    // Failing fast matters more than the exact time; this only has to be far below "hangs".
    private static readonly TimeSpan s_failureDeadline = TimeSpan.FromSeconds(20);

    private string _schema = NewSchema();

    protected override IStreamQueue CreateQueue(int partitionCount)
    {
        _schema = NewSchema();
        return CreateQueue(database.ConnectionString, _schema, partitionCount);
    }

    protected override IStreamQueue CreateQueueOnSameStore(int partitionCount) => CreateQueue(database.ConnectionString, _schema, partitionCount);

    private static PostgreSqlStreamQueue CreateQueue(string connectionString, string schema, int partitionCount = DefaultPartitionCount) =>
        new(ProviderName, new PostgreSqlStreamQueueOptions { ConnectionString = connectionString, Schema = schema, PartitionCount = partitionCount });

    private static string NewSchema() => "streams_" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task A_notification_reaches_another_instance_with_the_partition()
    {
        var listener = await NewQueueOnSameStoreAsync();
        var woken = new List<int>();
        using var registration = listener.OnAppended(p =>
        {
            lock (woken)
            {
                woken.Add(p);
            }
        });
        // Once listening, the queue wakes every partition (it may have missed wake-ups before); then only real ones come.
        await Eventually.WaitUntilAsync(() => { lock (woken) { return woken.Count == DefaultPartitionCount; } }, "the listener to connect");
        lock (woken)
        {
            woken.Clear();
        }

        var stream = StreamsInPartition(partition: 3, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(stream, Events("hello"), CancellationToken.None);

        await Eventually.WaitUntilAsync(() => { lock (woken) { return woken.Contains(3); } }, "a wake-up for partition 3");
        lock (woken)
        {
            Assert.Equal([3], woken);
        }
    }

    [Fact]
    public async Task Notifications_of_a_queue_in_another_schema_are_ignored()
    {
        var woken = 0;
        using var registration = Queue.OnAppended(_ => Interlocked.Increment(ref woken));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref woken) == DefaultPartitionCount, "the listener to connect");
        var other = await NewQueueAsync(DefaultPartitionCount);

        await other.AppendAsync(new StreamId("posts", "elsewhere"), Events("x"), CancellationToken.None);
        // A wake-up for our own append proves notifications are flowing; the other schema's never counted.
        await Queue.AppendAsync(new StreamId("posts", "here"), Events("y"), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref woken) > DefaultPartitionCount, "our own wake-up");

        Assert.Equal(DefaultPartitionCount + 1, Volatile.Read(ref woken));
    }

    [Fact]
    public async Task Appending_to_an_unreachable_server_fails_fast_naming_the_setting()
    {
        var port = FreePort();
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
        await using var queue = CreateQueue(unreachable, "weft");

        var append = await Record.ExceptionAsync(() => Eventually.CompletesWithinAsync(
            queue.AppendAsync(new StreamId("posts", "ada"), Events("lost?"), CancellationToken.None), s_failureDeadline, "Appending"));
        var read = await Record.ExceptionAsync(() => Eventually.CompletesWithinAsync(
            queue.ReadAsync(0, 0, 10, CancellationToken.None), s_failureDeadline, "Reading"));

        var publish = Assert.IsType<StreamPublishException>(append);
        Assert.Contains($"Stream provider '{ProviderName}' could not connect to PostgreSQL at 127.0.0.1:{port}", publish.Message, StringComparison.Ordinal);
        Assert.Contains("Weft:Streams:Feed:ConnectionString", publish.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was published", publish.Message, StringComparison.Ordinal);
        Assert.Contains("Weft:Streams:Feed:ConnectionString", Assert.IsType<GrainStorageException>(read).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Appending_to_a_server_that_never_answers_fails_within_the_connect_timeout()
    {
        // Accepts TCP connections and never speaks: only the connect timeout (5 s unless set) ends the attempt.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var hanging = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
        await using var queue = CreateQueue(hanging, "weft");
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var append = await Record.ExceptionAsync(() => Eventually.CompletesWithinAsync(
            queue.AppendAsync(new StreamId("posts", "ada"), Events("lost?"), CancellationToken.None), s_failureDeadline, "Appending"));

        var publish = Assert.IsType<StreamPublishException>(append);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(12));
        Assert.Contains("Weft:Streams:Feed:ConnectionString", publish.Message, StringComparison.Ordinal);
        Assert.Contains("timed out", publish.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_restart_is_survived_by_the_listener_and_appends_work_again()
    {
        var stream = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        var woken = 0;
        using var registration = Queue.OnAppended(_ => Interlocked.Increment(ref woken));
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref woken) >= DefaultPartitionCount, "the listener to connect");
        await Queue.AppendAsync(stream, Events("before"), CancellationToken.None);

        // Terminating every backend of the database is what a restart looks like to the clients.
        await database.Database.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        var before = Volatile.Read(ref woken);

        // The pooled connections are dead: an append either fails with a clear error or succeeds on a fresh one.
        await Eventually.WaitUntilAsync(async () =>
        {
            try
            {
                await Queue.AppendAsync(stream, Events("after"), CancellationToken.None);
                return true;
            }
            catch (StreamPublishException ex) when (ex.Message.Contains("Weft:Streams:Feed", StringComparison.Ordinal))
            {
                return false;
            }
        }, "an append to succeed again");
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref woken) > before, "the listener to reconnect and wake the agents");

        Assert.Equal(["before", "after"], (await Queue.ReadAsync(0, 0, 10, CancellationToken.None)).Select(e => Text(e.Payload)));
    }

    [Fact]
    public async Task Every_table_has_a_primary_key()
    {
        var tables = await database.Database.ScalarAsync($"""
            SELECT string_agg(c.relname || ':' || (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
                                                     FROM pg_index i
                                                     CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                                                     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                                                    WHERE i.indrelid = c.oid AND i.indisprimary), ' ' ORDER BY c.relname)
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = '{_schema}' AND c.relkind = 'r'
            """);

        Assert.Equal(
            "stream_dead_letters:id stream_events:partition,id stream_heads:stream_namespace,stream_key stream_partitions:partition " +
            "stream_subscriptions:stream_namespace,stream_key,grain_type,grain_key",
            tables);
    }

    [Fact]
    public async Task Keys_are_stored_as_their_exact_UTF8_bytes()
    {
        await Queue.AppendAsync(new StreamId("posts", "nul\u0000key"), Events("x"), CancellationToken.None);

        Assert.Equal(1L, await database.Database.ScalarAsync(
            $"SELECT count(*) FROM {_schema}.stream_events WHERE stream_key = '\\x6e756c006b6579'::bytea"));
    }

    [Fact]
    public async Task Initializing_twice_and_concurrently_is_harmless()
    {
        var queues = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(NewQueueOnSameStoreAsync)));
        await queues[0].InitializeAsync(CancellationToken.None);

        Assert.Equal((long)DefaultPartitionCount, await database.Database.ScalarAsync($"SELECT count(*) FROM {_schema}.stream_partitions"));
    }

    [Fact]
    public void A_missing_connection_string_names_the_setting()
    {
        var error = Assert.Throws<GrainStorageException>(() => new PostgreSqlStreamQueue(ProviderName, new PostgreSqlStreamQueueOptions()));

        Assert.Contains("Weft:Streams:Feed:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- outbox

    [Fact]
    public async Task The_outbox_writes_state_and_events_together()
    {
        await using var storage = await NewStorageAsync(database.ConnectionString);
        var key = new GrainStateKey("author", "ada", "state");
        var stream = new StreamId("posts", "ada");

        var first = await storage.WriteWithEventsAsync(key, Bytes("{\"posts\":1}"), null, Queue, stream, Events("p1"), CancellationToken.None);
        var second = await storage.WriteWithEventsAsync(key, Bytes("{\"posts\":3}"), first.Etag, Queue, stream, Events("p2", "p3"), CancellationToken.None);

        Assert.Equal(1, first.LastSequence);
        Assert.Equal(3, second.LastSequence);
        var stored = await storage.ReadAsync(key, CancellationToken.None);
        Assert.Equal("{\"posts\":3}", Encoding.UTF8.GetString(stored!.Data!));
        Assert.Equal(second.Etag, stored.Etag);
        Assert.Equal(
            ["1:p1", "2:p2", "3:p3"],
            (await ReadAllAsync(Queue, PartitionOf(stream))).Select(e => $"{e.Sequence}:{Text(e.Payload)}"));
        // Numbering is shared with plain appends.
        Assert.Equal(4, await Queue.AppendAsync(stream, Events("p4"), CancellationToken.None));
    }

    [Fact]
    public async Task A_stale_etag_in_the_outbox_stores_no_event_and_no_state()
    {
        await using var storage = await NewStorageAsync(database.ConnectionString);
        var key = new GrainStateKey("author", "ada", "state");
        var stream = new StreamId("posts", "ada");
        var current = await storage.WriteWithEventsAsync(key, Bytes("v1"), null, Queue, stream, Events("p1"), CancellationToken.None);
        await storage.WriteAsync(key, Bytes("v2 elsewhere"), current.Etag, CancellationToken.None);

        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteWithEventsAsync(key, Bytes("v3"), current.Etag, Queue, stream, Events("lost"), CancellationToken.None));
        var duplicateInsert = await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteWithEventsAsync(key, Bytes("v3"), null, Queue, stream, Events("lost"), CancellationToken.None));

        var storedEtag = (await storage.ReadAsync(key, CancellationToken.None))!.Etag;
        Assert.Equal(current.Etag, stale.CurrentEtag);
        Assert.Equal(storedEtag, stale.StoredEtag);
        Assert.Equal(storedEtag, duplicateInsert.StoredEtag);
        Assert.Equal("v2 elsewhere", Encoding.UTF8.GetString((await storage.ReadAsync(key, CancellationToken.None))!.Data!));
        Assert.Equal(["p1"], (await ReadAllAsync(Queue, PartitionOf(stream))).Select(e => Text(e.Payload)));
        // The failed attempts took no sequence numbers.
        Assert.Equal(2, await Queue.AppendAsync(stream, Events("p2"), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_outbox_writes_and_appends_share_group_commits_and_a_stale_write_fails_alone()
    {
        await using var storage = await NewStorageAsync(database.ConnectionString);
        var stale = new GrainStateKey("author", "stale", "state");
        var staleStream = new StreamId("posts", "stale");
        var first = await storage.WriteWithEventsAsync(stale, Bytes("v1"), null, Queue, staleStream, Events("s1"), CancellationToken.None);
        await storage.WriteAsync(stale, Bytes("v2 elsewhere"), first.Etag, CancellationToken.None);

        // 40 authors write state with one event each, twice, while plain appends and a stale write join the same groups.
        var writers = Enumerable.Range(0, 40).Select(async author =>
        {
            var key = new GrainStateKey("author", $"a{author}", "state");
            var stream = new StreamId("posts", $"a{author}");
            var one = await storage.WriteWithEventsAsync(key, Bytes("1"), null, Queue, stream, Events($"a{author}-1"), CancellationToken.None);
            var two = await storage.WriteWithEventsAsync(key, Bytes("2"), one.Etag, Queue, stream, Events($"a{author}-2"), CancellationToken.None);
            return (one.LastSequence, two.LastSequence);
        }).ToList();
        var appends = Enumerable.Range(0, 20).Select(i => Queue.AppendAsync(new StreamId("plain", $"p{i % 4}"), Events($"plain-{i}"), CancellationToken.None)).ToList();
        var staleWrite = storage.WriteWithEventsAsync(stale, Bytes("v3"), first.Etag, Queue, staleStream, Events("lost"), CancellationToken.None);

        Assert.All(await Task.WhenAll(writers), sequences => Assert.Equal((1L, 2L), sequences));
        Assert.Equal(Enumerable.Range(1, 5).SelectMany(n => Enumerable.Repeat((long)n, 4)).Order(), (await Task.WhenAll(appends)).Order());
        await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        for (var author = 0; author < 40; author++)
        {
            var stored = await storage.ReadAsync(new GrainStateKey("author", $"a{author}", "state"), CancellationToken.None);
            Assert.Equal("2", Encoding.UTF8.GetString(stored!.Data!));
        }

        var staleEvents = (await ReadAllAsync(Queue, PartitionOf(staleStream))).Where(e => e.StreamId == staleStream).Select(e => Text(e.Payload));
        Assert.Equal(["s1"], staleEvents);
        Assert.Equal("v2 elsewhere", Encoding.UTF8.GetString((await storage.ReadAsync(stale, CancellationToken.None))!.Data!));
    }

    [Fact]
    public async Task Two_concurrent_first_writes_of_one_key_store_one_state_and_only_its_events()
    {
        await using var storage = await NewStorageAsync(database.ConnectionString);
        var key = new GrainStateKey("author", "twice", "state");
        var stream = new StreamId("posts", "twice");

        // Both expect no row; a group holds at most one write per key, so the second waits for the next group and fails.
        var writes = new[] { "first", "second" }
            .Select(name => storage.WriteWithEventsAsync(key, Bytes(name), null, Queue, stream, Events(name + "-a", name + "-b"), CancellationToken.None))
            .ToList();
        var outcomes = await Task.WhenAll(writes.Select(async write =>
        {
            try
            {
                return (Won: true, (await write).LastSequence);
            }
            catch (InconsistentStateException)
            {
                return (Won: false, 0L);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Won);
        Assert.Equal(2, winner.Item2);
        var stored = Encoding.UTF8.GetString((await storage.ReadAsync(key, CancellationToken.None))!.Data!);
        Assert.Equal([stored + "-a", stored + "-b"], (await ReadAllAsync(Queue, PartitionOf(stream))).Where(e => e.StreamId == stream).Select(e => Text(e.Payload)));
    }

    [Fact]
    public async Task A_stream_key_that_is_not_valid_unicode_fails_its_own_append_and_not_the_others()
    {
        var bad = Queue.AppendAsync(new StreamId("posts", "bad\ud800"), Events("never"), CancellationToken.None);
        var good = Enumerable.Range(0, 8)
            .Select(i => Queue.AppendAsync(new StreamId("posts", $"good{i % 2}"), Events($"g{i}-1", $"g{i}-2"), CancellationToken.None))
            .ToList();

        await Assert.ThrowsAsync<ArgumentException>(() => bad);
        // Two streams, four appends of two events each: every append ends at its own even number, 2 to 8.
        var lastSequences = await Task.WhenAll(good);
        Assert.Equal([2, 2, 4, 4, 6, 6, 8, 8], lastSequences.Order());
        foreach (var stream in new[] { new StreamId("posts", "good0"), new StreamId("posts", "good1") })
        {
            var events = (await ReadAllAsync(Queue, PartitionOf(stream))).Where(e => e.StreamId == stream).ToList();
            Assert.Equal(Enumerable.Range(1, 8).Select(n => (long)n), events.Select(e => e.Sequence));
            // Each append's two events are adjacent and in order.
            for (var i = 0; i < events.Count; i += 2)
            {
                Assert.Equal(Text(events[i].Payload)[..^2], Text(events[i + 1].Payload)[..^2]);
                Assert.EndsWith("-1", Text(events[i].Payload), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Appends_larger_than_a_group_together_go_in_separate_groups_and_all_succeed()
    {
        // Three 5 MB appends at once, more than a group's 8 MB together: each is stored whole and numbered.
        var stream = new StreamId("posts", "large");
        var payload = new byte[5 * 1024 * 1024];
        var appends = Enumerable.Range(0, 3)
            .Select(_ => Queue.AppendAsync(stream, [new EncodedStreamEvent("Test.Event", payload)], CancellationToken.None))
            .ToList();

        Assert.Equal([1L, 2L, 3L], (await Task.WhenAll(appends)).Order());
        var stored = (await ReadAllAsync(Queue, PartitionOf(stream))).Where(e => e.StreamId == stream).ToList();
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Sequence));
        Assert.All(stored, e => Assert.Equal(payload.Length, e.Payload.Length));
    }

    [Fact]
    public async Task The_outbox_refuses_a_queue_in_another_database()
    {
        await using var storage = await NewStorageAsync(database.ConnectionString);
        await using var otherDatabase = await Testing.PostgreSql.PostgreSqlDatabase.CreateAsync("outbox_other");
        await using var elsewhere = CreateQueue(otherDatabase.ConnectionString, "weft");
        var key = new GrainStateKey("author", "ada", "state");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            storage.WriteWithEventsAsync(key, Bytes("v"), null, elsewhere, new StreamId("posts", "ada"), Events("p"), CancellationToken.None));

        Assert.Contains("one database", error.Message, StringComparison.Ordinal);
        Assert.Null(await storage.ReadAsync(key, CancellationToken.None));
    }

    private async Task<PostgreSqlGrainStorage> NewStorageAsync(string connectionString)
    {
        var storage = new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = connectionString, Schema = _schema });
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
