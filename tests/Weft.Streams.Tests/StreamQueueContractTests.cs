using System.Collections.Concurrent;
using System.Text;
using Weft.Persistence;
using Weft.Runtime.Streams;
using Weft.Testing;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>
/// The contract every <see cref="IStreamQueue"/> keeps. Each queue's test class derives from this and says only how
/// to create a queue on a fresh store and a second instance on that same store (a restarted process, another silo).
/// </summary>
public abstract class StreamQueueContractTests : IAsyncLifetime
{
    /// <summary>The partition count of <see cref="Queue"/>.</summary>
    protected const int DefaultPartitionCount = 4;

    private static readonly TimeSpan s_lease = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_shortLease = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan s_wakeUpDeadline = TimeSpan.FromSeconds(10);

    private readonly List<IStreamQueue> _created = [];
    private int _lastPartitionCount = DefaultPartitionCount;

    /// <summary>A queue over a fresh store, initialized, with <see cref="DefaultPartitionCount"/> partitions.</summary>
    protected IStreamQueue Queue { get; private set; } = null!;

    /// <summary>
    /// Creates a queue over a new, empty store (each call its own store, so tests never see each other's rows); not
    /// yet initialized. Later calls to <see cref="CreateQueueOnSameStore"/> use this store.
    /// </summary>
    protected abstract IStreamQueue CreateQueue(int partitionCount);

    /// <summary>
    /// Creates another queue instance over the store of the last <see cref="CreateQueue"/> (a restarted process,
    /// another silo), with <paramref name="partitionCount"/> partitions; not yet initialized.
    /// </summary>
    protected abstract IStreamQueue CreateQueueOnSameStore(int partitionCount);

    public virtual async Task InitializeAsync() => Queue = await NewQueueAsync(DefaultPartitionCount);

    public virtual async Task DisposeAsync()
    {
        foreach (var queue in _created)
        {
            switch (queue)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Creates and initializes a queue on a fresh store; disposed after the test.</summary>
    protected async Task<IStreamQueue> NewQueueAsync(int partitionCount)
    {
        var queue = Track(CreateQueue(partitionCount));
        _lastPartitionCount = partitionCount;
        await queue.InitializeAsync(CancellationToken.None);
        return queue;
    }

    /// <summary>Creates and initializes another instance on the same store; disposed after the test.</summary>
    protected async Task<IStreamQueue> NewQueueOnSameStoreAsync()
    {
        var queue = Track(CreateQueueOnSameStore(_lastPartitionCount));
        await queue.InitializeAsync(CancellationToken.None);
        return queue;
    }

    protected IStreamQueue Track(IStreamQueue queue)
    {
        _created.Add(queue);
        return queue;
    }

    protected static EncodedStreamEvent Event(string text) => new("Test.Event", Encoding.UTF8.GetBytes(text));

    protected static EncodedStreamEvent[] Events(params string[] texts) => [.. texts.Select(Event)];

    protected static string Text(byte[] payload) => Encoding.UTF8.GetString(payload);

    /// <summary>Finds <paramref name="count"/> distinct streams that all map to <paramref name="partition"/>.</summary>
    protected static StreamId[] StreamsInPartition(int partition, int partitionCount, int count, string prefix = "s") =>
        [.. Enumerable.Range(0, int.MaxValue)
            .Select(i => new StreamId("posts", $"{prefix}-{i}"))
            .Where(s => StreamPartitioner.GetPartition(s, partitionCount) == partition)
            .Take(count)];

    protected static int PartitionOf(StreamId streamId) => StreamPartitioner.GetPartition(streamId, DefaultPartitionCount);

    /// <summary>Reads a whole partition after <paramref name="afterId"/>, in pages.</summary>
    protected static async Task<List<QueuedStreamEvent>> ReadAllAsync(IStreamQueue queue, int partition, long afterId = 0, int pageSize = 100)
    {
        var all = new List<QueuedStreamEvent>();
        while (true)
        {
            var page = await queue.ReadAsync(partition, afterId, pageSize, CancellationToken.None);
            all.AddRange(page);
            if (page.Count < pageSize)
            {
                return all;
            }

            afterId = page[^1].Id;
        }
    }

    // ---------------------------------------------------------------- appending and numbering

    [Fact]
    public async Task A_changed_partition_count_is_refused_while_events_it_would_strand_are_undelivered()
    {
        // Partition 3 of 4 does not exist among 2: its streams map elsewhere.
        var stream = StreamsInPartition(partition: 3, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(stream, Events("1", "2"), CancellationToken.None);

        var fewer = Track(CreateQueueOnSameStore(2));
        var refused = await Assert.ThrowsAsync<GrainStorageException>(() => fewer.InitializeAsync(CancellationToken.None));
        Assert.Contains("PartitionCount", refused.Message, StringComparison.Ordinal);
        await Track(CreateQueueOnSameStore(DefaultPartitionCount)).InitializeAsync(CancellationToken.None);
        Assert.Equal(2, (await Queue.ReadAsync(3, 0, 10, CancellationToken.None)).Count);

        // Once they are delivered, the count may change.
        var lease = await Queue.TryAcquireAsync(3, "silo-a", s_lease, CancellationToken.None);
        var read = await Queue.ReadAsync(3, 0, 10, CancellationToken.None);
        await Queue.CommitAsync(lease!, read[^1].Id, CancellationToken.None);
        await Track(CreateQueueOnSameStore(2)).InitializeAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Append_numbers_events_1_to_n_per_stream_and_returns_the_last()
    {
        var author = new StreamId("posts", "ada");
        var other = new StreamId("posts", "grace");

        var first = await Queue.AppendAsync(author, Events("a1", "a2", "a3"), CancellationToken.None);
        var second = await Queue.AppendAsync(author, Events("a4", "a5"), CancellationToken.None);
        var otherFirst = await Queue.AppendAsync(other, Events("g1"), CancellationToken.None);

        Assert.Equal(3, first);
        Assert.Equal(5, second);
        Assert.Equal(1, otherFirst);
        var stored = await ReadAllAsync(Queue, PartitionOf(author));
        Assert.Equal(
            ["1:a1", "2:a2", "3:a3", "4:a4", "5:a5"],
            stored.Where(e => e.StreamId == author).Select(e => $"{e.Sequence}:{Text(e.Payload)}"));
        Assert.Equal(["1:g1"], (await ReadAllAsync(Queue, PartitionOf(other))).Where(e => e.StreamId == other).Select(e => $"{e.Sequence}:{Text(e.Payload)}"));
    }

    [Fact]
    public async Task Numbering_continues_on_another_instance_of_the_same_store()
    {
        var stream = new StreamId("posts", "ada");
        await Queue.AppendAsync(stream, Events("1", "2"), CancellationToken.None);
        var restarted = await NewQueueOnSameStoreAsync();

        var last = await restarted.AppendAsync(stream, Events("3"), CancellationToken.None);

        Assert.Equal(3, last);
    }

    [Fact]
    public async Task Concurrent_appends_to_one_stream_get_distinct_contiguous_sequences()
    {
        var stream = new StreamId("posts", "busy");
        const int Batches = 40;
        const int PerBatch = 3;

        var lasts = await Task.WhenAll(Enumerable.Range(0, Batches).Select(b => Task.Run(() =>
            Queue.AppendAsync(stream, [.. Enumerable.Range(0, PerBatch).Select(i => Event($"{b}/{i}"))], CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, Batches).Select(b => (long)b * PerBatch), lasts.Order());
        var stored = (await ReadAllAsync(Queue, PartitionOf(stream))).Where(e => e.StreamId == stream).ToList();
        Assert.Equal(Enumerable.Range(1, Batches * PerBatch).Select(s => (long)s), stored.Select(e => e.Sequence).Order());
        foreach (var batch in stored.GroupBy(e => Text(e.Payload).Split('/')[0]))
        {
            // A batch's events are numbered together, in the order given, ending at the sequence its append returned.
            var events = batch.OrderBy(e => e.Sequence).ToList();
            Assert.Equal(Enumerable.Range(0, PerBatch).Select(i => $"{batch.Key}/{i}"), events.Select(e => Text(e.Payload)));
            Assert.Equal(events[0].Sequence + PerBatch - 1, events[^1].Sequence);
            Assert.Contains(events[^1].Sequence, lasts);
        }
    }

    // ---------------------------------------------------------------- reading

    [Fact]
    public async Task Read_returns_only_the_partitions_events_in_id_order_with_every_field()
    {
        var streams = StreamsInPartition(partition: 1, DefaultPartitionCount, count: 3);
        var elsewhere = StreamsInPartition(partition: 2, DefaultPartitionCount, count: 1)[0];
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);
        foreach (var round in Enumerable.Range(0, 3))
        {
            foreach (var stream in streams)
            {
                await Queue.AppendAsync(stream, [new EncodedStreamEvent("Posts.Created", Encoding.UTF8.GetBytes($"{stream.Key}#{round}"))], CancellationToken.None);
            }

            await Queue.AppendAsync(elsewhere, Events("not in partition 1"), CancellationToken.None);
        }

        var firstPage = await Queue.ReadAsync(1, afterId: 0, maxCount: 5, CancellationToken.None);
        var rest = await Queue.ReadAsync(1, afterId: firstPage[^1].Id, maxCount: 100, CancellationToken.None);
        var after = await Queue.ReadAsync(1, afterId: rest[^1].Id, maxCount: 100, CancellationToken.None);

        Assert.Equal(5, firstPage.Count);
        Assert.Equal(4, rest.Count);
        Assert.Empty(after);
        var all = firstPage.Concat(rest).ToList();
        Assert.Equal(all.Select(e => e.Id).Order(), all.Select(e => e.Id));
        Assert.Equal(all.Count, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(
            Enumerable.Range(0, 3).SelectMany(r => streams.Select(s => $"{s.Key}#{r}")),
            all.Select(e => Text(e.Payload)));
        Assert.All(all, e =>
        {
            Assert.Equal("Posts.Created", e.EventType);
            Assert.Equal($"{e.StreamId.Key}#{e.Sequence - 1}", Text(e.Payload));
            Assert.InRange(e.EnqueuedAt, before, DateTimeOffset.UtcNow.AddMinutes(5));
        });
    }

    [Fact]
    public async Task An_empty_partition_reads_nothing()
    {
        Assert.Empty(await Queue.ReadAsync(3, afterId: 0, maxCount: 10, CancellationToken.None));
    }

    // ---------------------------------------------------------------- leases, checkpoints, compaction

    [Fact]
    public async Task A_first_lease_starts_at_checkpoint_zero()
    {
        var lease = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Equal(0, lease.Partition);
        Assert.Equal("silo-a", lease.Owner);
        Assert.Equal(0, lease.Checkpoint);
        Assert.True(lease.ExpiresAt > DateTimeOffset.UtcNow.AddSeconds(10), $"expires at {lease.ExpiresAt:O}");
    }

    [Fact]
    public async Task Commit_deletes_handled_events_and_reading_resumes_after_the_checkpoint()
    {
        var stream = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(stream, Events("1", "2", "3", "4", "5"), CancellationToken.None);
        var lease = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);
        Assert.NotNull(lease);
        var events = await Queue.ReadAsync(0, lease.Checkpoint, 3, CancellationToken.None);

        var committed = await Queue.CommitAsync(lease, events[^1].Id, CancellationToken.None);

        Assert.NotNull(committed);
        Assert.Equal(events[^1].Id, committed.Checkpoint);
        Assert.Equal(lease.Epoch, committed.Epoch);
        // Handled events are gone (compaction), the rest are still there.
        Assert.Equal(["4", "5"], (await Queue.ReadAsync(0, afterId: 0, 100, CancellationToken.None)).Select(e => Text(e.Payload)));

        // Whoever takes the partition next (here another instance, after a release) resumes after the checkpoint.
        await Queue.ReleaseAsync(committed, CancellationToken.None);
        var next = await (await NewQueueOnSameStoreAsync()).TryAcquireAsync(0, "silo-b", s_lease, CancellationToken.None);
        Assert.NotNull(next);
        Assert.Equal(events[^1].Id, next.Checkpoint);
        Assert.Equal(["4", "5"], (await Queue.ReadAsync(0, next.Checkpoint, 100, CancellationToken.None)).Select(e => Text(e.Payload)));
    }

    [Fact]
    public async Task Commit_only_deletes_events_of_its_own_partition()
    {
        var mine = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        var other = StreamsInPartition(partition: 1, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(mine, Events("m"), CancellationToken.None);
        await Queue.AppendAsync(other, Events("o"), CancellationToken.None);
        var lease = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);

        await Queue.CommitAsync(lease!, long.MaxValue, CancellationToken.None);

        Assert.Empty(await Queue.ReadAsync(0, 0, 10, CancellationToken.None));
        Assert.Equal(["o"], (await Queue.ReadAsync(1, 0, 10, CancellationToken.None)).Select(e => Text(e.Payload)));
    }

    [Fact]
    public async Task A_held_lease_is_refused_to_another_owner()
    {
        var held = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);
        var other = await NewQueueOnSameStoreAsync();

        Assert.NotNull(held);
        Assert.Null(await other.TryAcquireAsync(0, "silo-b", s_lease, CancellationToken.None));
        // Other partitions are free.
        Assert.NotNull(await other.TryAcquireAsync(1, "silo-b", s_lease, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_lease_is_taken_over_and_the_first_owner_is_fenced_out()
    {
        var stream = StreamsInPartition(partition: 0, DefaultPartitionCount, count: 1)[0];
        await Queue.AppendAsync(stream, Events("1", "2"), CancellationToken.None);
        var first = await Queue.TryAcquireAsync(0, "silo-a", s_shortLease, CancellationToken.None);
        Assert.NotNull(first);
        var events = await Queue.ReadAsync(0, 0, 10, CancellationToken.None);
        var other = await NewQueueOnSameStoreAsync();

        PartitionLease? second = null;
        await Eventually.WaitUntilAsync(
            async () => (second = await other.TryAcquireAsync(0, "silo-b", s_lease, CancellationToken.None)) is not null,
            "silo-b to take the expired lease");

        Assert.True(second!.Epoch > first.Epoch, $"epoch {second.Epoch} after {first.Epoch}");
        Assert.Null(await Queue.CommitAsync(first, events[^1].Id, CancellationToken.None));
        Assert.Null(await Queue.RenewAsync(first, s_lease, CancellationToken.None));
        await Queue.ReleaseAsync(first, CancellationToken.None);
        // The fenced commit moved nothing and deleted nothing; the stale release freed nothing.
        Assert.Equal(2, (await other.ReadAsync(0, 0, 10, CancellationToken.None)).Count);
        Assert.Null(await Queue.TryAcquireAsync(0, "silo-c", s_lease, CancellationToken.None));
        var renewed = await other.RenewAsync(second, s_lease, CancellationToken.None);
        Assert.NotNull(renewed);
        Assert.Equal(0, renewed.Checkpoint);
        Assert.Equal(second.Epoch, renewed.Epoch);
    }

    [Fact]
    public async Task Acquiring_again_bumps_the_epoch_and_fences_the_older_lease_of_the_same_owner()
    {
        var older = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);
        var newer = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);

        Assert.NotNull(older);
        Assert.NotNull(newer);
        Assert.True(newer.Epoch > older.Epoch);
        Assert.Null(await Queue.CommitAsync(older, 1, CancellationToken.None));
        Assert.NotNull(await Queue.CommitAsync(newer, 1, CancellationToken.None));
    }

    [Fact]
    public async Task Renewing_extends_the_lease_and_keeps_the_epoch()
    {
        var lease = await Queue.TryAcquireAsync(0, "silo-a", TimeSpan.FromSeconds(5), CancellationToken.None);

        var renewed = await Queue.RenewAsync(lease!, TimeSpan.FromMinutes(10), CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.Equal(lease!.Epoch, renewed.Epoch);
        Assert.True(renewed.ExpiresAt > lease.ExpiresAt.AddMinutes(5), $"{renewed.ExpiresAt:O} after {lease.ExpiresAt:O}");
    }

    [Fact]
    public async Task A_released_lease_can_be_taken_at_once_by_another_owner()
    {
        var lease = await Queue.TryAcquireAsync(0, "silo-a", s_lease, CancellationToken.None);
        var committed = await Queue.CommitAsync(lease!, 7, CancellationToken.None);

        await Queue.ReleaseAsync(committed!, CancellationToken.None);
        var taken = await Queue.TryAcquireAsync(0, "silo-b", s_lease, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.Equal("silo-b", taken.Owner);
        Assert.Equal(7, taken.Checkpoint);
        Assert.Null(await Queue.RenewAsync(committed!, s_lease, CancellationToken.None));
    }

    [Fact]
    public async Task Every_partition_can_be_leased_and_more_partitions_appear_when_the_count_grows()
    {
        var queue = await NewQueueAsync(2);
        Assert.NotNull(await queue.TryAcquireAsync(1, "silo-a", s_lease, CancellationToken.None));

        var grown = Track(CreateQueueOnSameStore(5));
        await grown.InitializeAsync(CancellationToken.None);

        Assert.Equal(5, grown.PartitionCount);
        foreach (var partition in new[] { 0, 2, 3, 4 })
        {
            Assert.NotNull(await grown.TryAcquireAsync(partition, "silo-b", s_lease, CancellationToken.None));
        }

        Assert.Null(await grown.TryAcquireAsync(1, "silo-b", s_lease, CancellationToken.None));
    }

    // ---------------------------------------------------------------- subscriptions

    [Fact]
    public async Task Subscribing_twice_stores_one_subscription_which_survives_a_new_instance()
    {
        var stream = new StreamId("posts", "ada");
        var follower = new GrainId("timeline", "grace");

        await Queue.SubscribeAsync(stream, follower, CancellationToken.None);
        await Queue.SubscribeAsync(stream, follower, CancellationToken.None);
        var restarted = await NewQueueOnSameStoreAsync();

        var subscribers = await restarted.GetSubscribersAsync([stream], CancellationToken.None);
        Assert.Equal([follower], subscribers[stream]);
    }

    [Fact]
    public async Task Unsubscribing_removes_only_that_subscription_and_is_idempotent()
    {
        var stream = new StreamId("posts", "ada");
        var grace = new GrainId("timeline", "grace");
        var alan = new GrainId("timeline", "alan");
        await Queue.SubscribeAsync(stream, grace, CancellationToken.None);
        await Queue.SubscribeAsync(stream, alan, CancellationToken.None);

        await Queue.UnsubscribeAsync(stream, grace, CancellationToken.None);
        await Queue.UnsubscribeAsync(stream, grace, CancellationToken.None);
        await Queue.UnsubscribeAsync(new StreamId("posts", "never"), grace, CancellationToken.None);

        Assert.Equal([alan], (await Queue.GetSubscribersAsync([stream], CancellationToken.None))[stream]);
        await Queue.UnsubscribeAsync(stream, alan, CancellationToken.None);
        Assert.Empty(await Queue.GetSubscribersAsync([stream], CancellationToken.None));
    }

    [Fact]
    public async Task Subscribers_of_many_streams_come_back_in_one_call_without_streams_that_have_none()
    {
        var streams = Enumerable.Range(0, 50).Select(i => new StreamId("posts", $"author-{i}")).ToList();
        foreach (var (stream, i) in streams.Select((s, i) => (s, i)))
        {
            // Stream i has i % 4 subscribers; the grain type varies too.
            for (var f = 0; f < i % 4; f++)
            {
                await Queue.SubscribeAsync(stream, new GrainId(f % 2 == 0 ? "timeline" : "digest", $"follower-{f}"), CancellationToken.None);
            }
        }

        await Queue.SubscribeAsync(new StreamId("likes", "author-1"), new GrainId("timeline", "elsewhere"), CancellationToken.None);

        var subscribers = await Queue.GetSubscribersAsync(streams, CancellationToken.None);

        Assert.Equal(streams.Where((_, i) => i % 4 != 0).ToHashSet(), subscribers.Keys.ToHashSet());
        foreach (var (stream, i) in streams.Select((s, i) => (s, i)).Where(x => x.i % 4 != 0))
        {
            var expected = Enumerable.Range(0, i % 4).Select(f => new GrainId(f % 2 == 0 ? "timeline" : "digest", $"follower-{f}"));
            Assert.Equal(expected.ToHashSet(), subscribers[stream].ToHashSet());
            Assert.Equal(i % 4, subscribers[stream].Count);
        }
    }

    // ---------------------------------------------------------------- dead letters

    [Fact]
    public async Task Dead_letters_round_trip_oldest_first()
    {
        var failedAt = new DateTimeOffset(2025, 3, 1, 12, 30, 15, TimeSpan.Zero);
        var first = new StreamDeadLetter(new StreamId("posts", "ada"), 7, new GrainId("timeline", "poison"), "Posts.Created",
            Encoding.UTF8.GetBytes("{\"id\":7}"), 5, "InvalidOperationException: boom", failedAt);
        var second = first with { Sequence = 8, Payload = Encoding.UTF8.GetBytes("{\"id\":8}"), Attempts = 6, FailedAt = failedAt.AddSeconds(1) };

        await Queue.DeadLetterAsync(first, CancellationToken.None);
        await Queue.DeadLetterAsync(second, CancellationToken.None);
        var all = await Queue.ReadDeadLettersAsync(10, CancellationToken.None);
        var one = await Queue.ReadDeadLettersAsync(1, CancellationToken.None);

        Assert.Equal(2, all.Count);
        AssertDeadLetter(first, all[0]);
        AssertDeadLetter(second, all[1]);
        AssertDeadLetter(first, Assert.Single(one));
    }

    private static void AssertDeadLetter(StreamDeadLetter expected, StreamDeadLetter actual)
    {
        Assert.Equal(expected.StreamId, actual.StreamId);
        Assert.Equal(expected.Sequence, actual.Sequence);
        Assert.Equal(expected.Subscriber, actual.Subscriber);
        Assert.Equal(expected.EventType, actual.EventType);
        Assert.Equal(expected.Payload, actual.Payload);
        Assert.Equal(expected.Attempts, actual.Attempts);
        Assert.Equal(expected.Error, actual.Error);
        Assert.Equal(expected.FailedAt, actual.FailedAt);
    }

    // ---------------------------------------------------------------- wake-ups

    [Fact]
    public async Task OnAppended_is_called_with_the_partition_appended_to()
    {
        var stream = StreamsInPartition(partition: 2, DefaultPartitionCount, count: 1)[0];
        var woken = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = Queue.OnAppended(p =>
        {
            if (p == 2)
            {
                woken.TrySetResult();
            }
        });

        // The first registration may still be connecting (PostgreSQL's LISTEN): keep appending until woken.
        await Eventually.WaitUntilAsync(async () =>
        {
            await Queue.AppendAsync(stream, Events("wake"), CancellationToken.None);
            return await Task.WhenAny(woken.Task, Task.Delay(200)) == woken.Task;
        }, "a wake-up for partition 2", s_wakeUpDeadline);
    }

    [Fact]
    public async Task A_disposed_registration_is_no_longer_called()
    {
        var stream = StreamsInPartition(partition: 1, DefaultPartitionCount, count: 1)[0];
        var disposedCalls = 0;
        var laterCalls = 0;
        var disposed = Queue.OnAppended(_ => Interlocked.Increment(ref disposedCalls));
        using var kept = Queue.OnAppended(_ => Interlocked.Increment(ref laterCalls));
        await Eventually.WaitUntilAsync(async () =>
        {
            await Queue.AppendAsync(stream, Events("wake"), CancellationToken.None);
            return Volatile.Read(ref laterCalls) > 0 && Volatile.Read(ref disposedCalls) > 0;
        }, "both registrations to be called", s_wakeUpDeadline);

        disposed.Dispose();
        var callsAtDispose = Volatile.Read(ref disposedCalls);
        var keptBefore = Volatile.Read(ref laterCalls);
        await Queue.AppendAsync(stream, Events("after"), CancellationToken.None);
        await Eventually.WaitUntilAsync(() => Volatile.Read(ref laterCalls) > keptBefore, "the kept registration to be called", s_wakeUpDeadline);

        Assert.Equal(callsAtDispose, Volatile.Read(ref disposedCalls));
    }

    // ---------------------------------------------------------------- keys

    [Fact]
    public async Task Keys_with_any_Unicode_including_U0000_are_kept_apart_and_round_trip()
    {
        var nul = new StreamId("posts", "nul\u0000key é 😀");
        var prefix = new StreamId("posts", "nul");
        var subscriber = new GrainId("timeline", "reader\u0000 ü 🧵");

        await Queue.AppendAsync(nul, Events("n1", "n2"), CancellationToken.None);
        await Queue.AppendAsync(prefix, Events("p1"), CancellationToken.None);
        await Queue.SubscribeAsync(nul, subscriber, CancellationToken.None);
        await Queue.DeadLetterAsync(new StreamDeadLetter(nul, 2, subscriber, "T", [0, 1, 2], 3, "e\u00e9", DateTimeOffset.UnixEpoch), CancellationToken.None);

        var stored = (await ReadAllAsync(Queue, PartitionOf(nul))).Where(e => e.StreamId == nul).ToList();
        Assert.Equal([1L, 2L], stored.Select(e => e.Sequence));
        Assert.Equal(1, (await ReadAllAsync(Queue, PartitionOf(prefix))).Count(e => e.StreamId == prefix));
        var subscribers = await Queue.GetSubscribersAsync([nul, prefix], CancellationToken.None);
        Assert.Equal([nul], subscribers.Keys);
        Assert.Equal([subscriber], subscribers[nul]);
        var deadLetter = Assert.Single(await Queue.ReadDeadLettersAsync(10, CancellationToken.None));
        Assert.Equal(nul, deadLetter.StreamId);
        Assert.Equal(subscriber, deadLetter.Subscriber);
    }

    // ---------------------------------------------------------------- commit order

    /// <summary>
    /// Ids must become visible in order within a partition: a reader that checkpoints past an id must never later see
    /// a smaller one commit (it would skip it forever). Several appenders race a reader that reads and commits as it
    /// goes; at the end every appended event was read exactly once.
    /// </summary>
    [Fact]
    public async Task Concurrent_appenders_and_a_checkpointing_reader_never_skip_or_repeat_an_event()
    {
        const int Partitions = 2;
        const int Appenders = 6;
        const int AppendsPerAppender = 150;
        var queue = await NewQueueAsync(Partitions);
        var streams = StreamsInPartition(partition: 1, Partitions, count: Appenders, prefix: "race");
        var appended = new ConcurrentBag<(StreamId Stream, long Sequence)>();
        using var appendersDone = new CancellationTokenSource();

        var appenders = streams.Select((stream, a) => Task.Run(async () =>
        {
            for (var i = 0; i < AppendsPerAppender; i++)
            {
                var count = 1 + (i % 3);
                var last = await queue.AppendAsync(stream, [.. Enumerable.Range(0, count).Select(e => Event($"{a}:{i}:{e}"))], CancellationToken.None);
                for (var s = last - count + 1; s <= last; s++)
                {
                    appended.Add((stream, s));
                }
            }
        })).ToArray();

        var read = new List<(StreamId Stream, long Sequence)>();
        var reader = Task.Run(async () =>
        {
            var lease = await queue.TryAcquireAsync(1, "reader", TimeSpan.FromMinutes(5), CancellationToken.None)
                ?? throw new InvalidOperationException("The reader could not take the lease.");
            while (true)
            {
                // Decide whether this is the last pass before reading, so a pass that starts after the appenders
                // finished sees everything they appended.
                var finalPass = appendersDone.IsCancellationRequested;
                var batch = await queue.ReadAsync(1, lease.Checkpoint, 37, CancellationToken.None);
                read.AddRange(batch.Select(e => (e.StreamId, e.Sequence)));
                if (batch.Count > 0)
                {
                    lease = await queue.CommitAsync(lease, batch[^1].Id, CancellationToken.None)
                        ?? throw new InvalidOperationException("The reader lost its lease.");
                }
                else if (finalPass)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(appenders);
        await appendersDone.CancelAsync();
        await Eventually.CompletesWithinAsync(reader, TimeSpan.FromSeconds(60), "The reader draining the partition");

        Assert.Equal(Appenders * AppendsPerAppender * 2, appended.Count);
        Assert.Equal(read.Count, read.Distinct().Count());
        Assert.Equal(appended.OrderBy(e => e.Stream.Key).ThenBy(e => e.Sequence), read.OrderBy(e => e.Stream.Key).ThenBy(e => e.Sequence));
        foreach (var stream in read.GroupBy(e => e.Stream))
        {
            // Per stream, ids (read order) follow sequences.
            Assert.Equal(stream.Select(e => e.Sequence).Order(), stream.Select(e => e.Sequence));
        }
    }
    /// <summary>
    /// Two queues on one store (two silos) append at once to streams of every partition, so their groups share
    /// partitions in changing combinations, while a reader per partition reads and checkpoints as it goes (an id that
    /// became visible after a larger one was checkpointed would be skipped). Nothing deadlocks, and every partition
    /// gives every event exactly once, each stream's in sequence order without gaps.
    /// </summary>
    [Fact]
    public async Task Appenders_on_two_queues_over_every_partition_never_deadlock_skip_or_repeat()
    {
        const int Partitions = 2;
        var first = await NewQueueAsync(Partitions);
        var second = await NewQueueOnSameStoreAsync();
        var streams = Enumerable.Range(0, Partitions).SelectMany(p => StreamsInPartition(p, Partitions, count: 8, prefix: "two")).ToArray();
        var appended = new ConcurrentBag<(StreamId Stream, long Sequence)>();
        using var appendersDone = new CancellationTokenSource();
        var appenders = Enumerable.Range(0, 16).Select(a => Task.Run(async () =>
        {
            var queue = a % 2 == 0 ? first : second;
            for (var i = 0; i < 60; i++)
            {
                var stream = streams[(a * 7 + i * 5) % streams.Length];
                var count = 1 + ((a + i) % 2);
                var last = await queue.AppendAsync(stream, [.. Enumerable.Range(0, count).Select(e => Event($"{a}:{i}:{e}"))], CancellationToken.None);
                for (var sequence = last - count + 1; sequence <= last; sequence++)
                {
                    appended.Add((stream, sequence));
                }
            }
        })).ToArray();
        var readers = Enumerable.Range(0, Partitions).Select(partition => Task.Run(async () =>
        {
            var read = new List<(StreamId Stream, long Sequence)>();
            var lease = await first.TryAcquireAsync(partition, "reader", TimeSpan.FromMinutes(5), CancellationToken.None)
                ?? throw new InvalidOperationException($"The reader could not take partition {partition}.");
            while (true)
            {
                var finalPass = appendersDone.IsCancellationRequested;
                var batch = await first.ReadAsync(partition, lease.Checkpoint, 3, CancellationToken.None);
                Assert.All(batch, e => Assert.Equal(partition, StreamPartitioner.GetPartition(e.StreamId, Partitions)));
                read.AddRange(batch.Select(e => (e.StreamId, e.Sequence)));
                if (batch.Count > 0)
                {
                    lease = await first.CommitAsync(lease, batch[^1].Id, CancellationToken.None)
                        ?? throw new InvalidOperationException("The reader lost its lease.");
                }
                else if (finalPass)
                {
                    return read;
                }
            }
        })).ToArray();

        await Eventually.CompletesWithinAsync(Task.WhenAll(appenders), TimeSpan.FromSeconds(60), "16 appenders on two queues");
        await appendersDone.CancelAsync();
        await Eventually.CompletesWithinAsync(Task.WhenAll(readers), TimeSpan.FromSeconds(60), "the readers draining every partition");

        var all = readers.SelectMany(r => r.Result).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(appended.OrderBy(e => e.Stream.Key).ThenBy(e => e.Sequence), all.OrderBy(e => e.Stream.Key).ThenBy(e => e.Sequence));
        foreach (var stream in all.GroupBy(e => e.Stream))
        {
            Assert.Equal(Enumerable.Range(1, stream.Count()).Select(n => (long)n), stream.Select(e => e.Sequence));
        }
    }
}
