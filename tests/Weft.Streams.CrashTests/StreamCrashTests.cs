using System.Diagnostics;
using System.Globalization;
using Weft.Streams.CrashTests.Support;
using Weft.Testing;
using Xunit.Abstractions;

namespace Weft.Streams.CrashTests;

/// <summary>
/// SIGKILL a silo process mid-delivery or mid-publishing, start it again, and every subscriber ends up with every
/// event exactly once (after de-duplication by the sequence tracker kept in the same state write). The tests are the
/// same on every store; a subclass names the store (<see cref="CreateStoreAsync"/>), and each test gets a fresh one.
/// </summary>
public abstract class StreamCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Streams = 10;
    private const int EventsPerStream = 200;
    private const int SubscribersPerStream = 20;
    private const long Events = Streams * EventsPerStream;
    private const long Deliveries = Events * SubscribersPerStream;
    private const int AcknowledgedBeforeKill = 200;

    // Kills that land between two batches (the agents' checkpoints caught up after the last look) exercise no
    // redelivery; the scenario is then run again on a fresh store, at most this many times in all.
    private const int MidBatchKillAttempts = 3;

    private CrashStore? _store;

    private CrashStore Store => _store ?? throw new InvalidOperationException("The store is not created.");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_subscriber_gets_every_event_exactly_once_after_a_kill_mid_delivery()
    {
        var clock = Stopwatch.StartNew();
        long receivedAtKill;
        long queuedAtKill;
        for (var attempt = 1; ; attempt++)
        {
            clock.Restart();
            // Each stream's events in one OnNextBatchAsync, so publishing is acknowledged long before delivery ends.
            await using (var first = CrashHostProcess.Publish(Store, Streams, EventsPerStream, SubscribersPerStream, EventsPerStream))
            {
                await first.WaitForLineAsync($"published {Streams * EventsPerStream}", TimeSpan.FromSeconds(60));

                // A quarter of the events checkpointed (and compacted), so the kill lands after some commits, and more
                // deliveries persisted than the checkpointed events account for, so it lands in the middle of a batch half
                // written to its subscribers. The agents share one write path on SQLite and finish their batches almost
                // together, so waiting for the checkpoints alone would sometimes kill between two batches. Deliveries are
                // read before the queue: a half-written batch they show was still uncommitted when the queue was read.
                long received = 0;
                long queued = Events;
                await Eventually.WaitUntilAsync(
                    async () =>
                    {
                        received = await Store.ReceivedCountAsync();
                        queued = await Store.QueuedEventsAsync();
                        return queued <= Events * 3 / 4 && received > (Events - queued) * SubscribersPerStream;
                    },
                    $"a quarter of the {Events} events to be checkpointed and a later batch to be half delivered (still queued: {queued}, deliveries persisted: {received})",
                    TimeSpan.FromSeconds(60));
                await first.KillAsync();

                await Store.AssertIntactAfterKillAsync();
                receivedAtKill = await Store.ReceivedCountAsync();
                queuedAtKill = await Store.QueuedEventsAsync();
                output.WriteLine($"killed after {clock.Elapsed.TotalSeconds:0.0} s with {receivedAtKill} of {Deliveries} deliveries persisted, {queuedAtKill} events queued");
                Assert.True(receivedAtKill < Deliveries,
                    $"Delivery had already finished when the host was killed ({receivedAtKill} persisted); the kill must land mid-delivery.");
                Assert.True(queuedAtKill > 0, "No events were left in the queue at the kill.");
            }

            // Deliveries persisted beyond what the checkpoints account for: the kill interrupted a batch, as wanted.
            if (receivedAtKill > (Events - queuedAtKill) * SubscribersPerStream)
            {
                break;
            }

            Assert.True(attempt < MidBatchKillAttempts, $"In {attempt} attempts every kill landed between two batches.");
            output.WriteLine("the kill landed between two batches (every persisted delivery checkpointed): again, on a fresh store");
            await Store.DisposeAsync();
            _store = await CreateStoreAsync();
        }

        var restartedAt = clock.Elapsed;
        await using var second = CrashHostProcess.Serve(Store);
        await second.WaitForLineAsync("ready", TimeSpan.FromSeconds(30));
        long total = 0;
        await Eventually.WaitUntilAsync(
            async () => (total = await Store.ReceivedCountAsync()) >= Deliveries,
            $"all {Deliveries} deliveries to be persisted after the restart (so far {total})",
            TimeSpan.FromSeconds(60));
        var recovered = clock.Elapsed - restartedAt;

        var states = await Store.SubscribersAsync();
        Assert.Equal(Streams * SubscribersPerStream, states.Count);
        var expected = Enumerable.Range(1, EventsPerStream).Select(i => (long)i).ToList();
        for (var s = 0; s < Streams; s++)
        {
            var stream = $"{CrashStore.Namespace}/{CrashStore.StreamKey(s)}";
            for (var i = 0; i < SubscribersPerStream; i++)
            {
                var state = states[CrashStore.SubscriberKey(s, i)];
                Assert.Equal([stream], state.Received.Keys);
                Assert.Equal(expected, state.Received[stream]);
                Assert.Equal(EventsPerStream, state.Tracker.Accepted[stream]);
            }
        }

        Assert.Equal(Deliveries, total);
        await Eventually.WaitUntilAsync(
            async () => await Store.QueuedEventsAsync() == 0, "the delivered events to be compacted out of stream_events", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Store.DeadLettersAsync());

        // The restart redelivered the batches the kill interrupted; the tracker dropped what had been persisted already.
        var duplicatesDropped = states.Values.Sum(s => s.DuplicatesDropped);
        output.WriteLine(
            $"recovered in {recovered.TotalSeconds:0.0} s after the restart: {total} deliveries persisted exactly once, {duplicatesDropped} duplicates dropped");
        Assert.True(duplicatesDropped > 0, "No event was redelivered after the kill, so the kill did not interrupt a batch.");
    }

    /// <summary>
    /// Every event whose OnNextAsync returned is delivered after a restart, exactly once per subscriber. An event whose
    /// append committed just before the kill, unacknowledged, may be delivered too; nothing else exists to deliver.
    /// </summary>
    [Fact]
    public async Task Every_acknowledged_event_is_delivered_exactly_once_after_a_kill_during_publishing()
    {
        var clock = Stopwatch.StartNew();
        Dictionary<string, long> acknowledged;
        await using (var first = CrashHostProcess.Publish(Store, Streams, EventsPerStream, SubscribersPerStream, 1))
        {
            await first.WaitForAsync(
                lines => lines.Count(l => l.StartsWith("acked ", StringComparison.Ordinal)) >= AcknowledgedBeforeKill,
                $"{AcknowledgedBeforeKill} \"acked\" lines",
                TimeSpan.FromSeconds(60));
            await first.KillAsync();

            Assert.DoesNotContain(first.Lines, l => l.StartsWith("published ", StringComparison.Ordinal));
            acknowledged = Acknowledged(first.Lines);
        }

        // One event at a time, so at most one append can have committed without its acknowledgement being printed.
        await Store.AssertIntactAfterKillAsync();
        var heads = await Store.StreamHeadsAsync();
        var acknowledgedCount = acknowledged.Values.Sum();
        var committedCount = heads.Values.Sum();
        output.WriteLine(
            $"killed after {clock.Elapsed.TotalSeconds:0.0} s: {acknowledgedCount} of {Events} events acknowledged, {committedCount} committed");
        Assert.Equal(Streams, acknowledged.Count);
        Assert.All(acknowledged, a => Assert.InRange(heads[a.Key], a.Value, a.Value + 1));
        Assert.InRange(committedCount, acknowledgedCount, acknowledgedCount + 1);
        Assert.True(committedCount < Events, "Publishing had finished before the kill.");

        var restartedAt = clock.Elapsed;
        var deliveries = committedCount * SubscribersPerStream;
        await using var second = CrashHostProcess.Serve(Store);
        await second.WaitForLineAsync("ready", TimeSpan.FromSeconds(30));
        long total = 0;
        await Eventually.WaitUntilAsync(
            async () => (total = await Store.ReceivedCountAsync()) >= deliveries,
            $"all {deliveries} deliveries of committed events to be persisted after the restart (so far {total})",
            TimeSpan.FromSeconds(60));
        var recovered = clock.Elapsed - restartedAt;

        var states = await Store.SubscribersAsync();
        Assert.Equal(Streams * SubscribersPerStream, states.Count);
        foreach (var (streamKey, head) in heads)
        {
            var stream = $"{CrashStore.Namespace}/{streamKey}";
            var expected = Enumerable.Range(1, (int)head).Select(i => (long)i).ToList();
            for (var i = 0; i < SubscribersPerStream; i++)
            {
                var state = states[$"{streamKey}-{i}"];
                Assert.Equal([stream], state.Received.Keys);
                Assert.Equal(expected, state.Received[stream]);
            }
        }

        Assert.Equal(deliveries, total);
        await Eventually.WaitUntilAsync(
            async () => await Store.QueuedEventsAsync() == 0, "the delivered events to be compacted out of stream_events", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await Store.DeadLettersAsync());
        output.WriteLine($"recovered in {recovered.TotalSeconds:0.0} s after the restart: {total} deliveries persisted exactly once");
    }

    /// <summary>A fresh, empty store for one test; disposed after it.</summary>
    private protected abstract Task<CrashStore> CreateStoreAsync();

    /// <summary>The last acknowledged sequence per stream key, from the host's <c>acked &lt;key&gt; &lt;sequence&gt;</c> lines.</summary>
    private static Dictionary<string, long> Acknowledged(IEnumerable<string> lines)
    {
        var acknowledged = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            if (line.Split(' ') is ["acked", var key, var sequence])
            {
                var value = long.Parse(sequence, CultureInfo.InvariantCulture);
                Assert.True(value == acknowledged.GetValueOrDefault(key) + 1, $"Stream {key} acknowledged {value} out of order.");
                acknowledged[key] = value;
            }
        }

        return acknowledged;
    }
}
