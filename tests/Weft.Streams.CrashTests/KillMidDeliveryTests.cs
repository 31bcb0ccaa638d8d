using System.Diagnostics;
using Weft.Streams.CrashTests.Support;
using Weft.Testing;
using Weft.Testing.Xunit;
using Xunit.Abstractions;

namespace Weft.Streams.CrashTests;

/// <summary>
/// SIGKILL a silo while its agents are delivering, start it again, and every subscriber ends up with every event
/// exactly once (after de-duplication by the sequence tracker kept in the same state write).
/// </summary>
public sealed class KillMidDeliveryTests(PostgreSqlDatabaseFixture database, ITestOutputHelper output)
    : IClassFixture<PostgreSqlDatabaseFixture>
{
    private const int Streams = 10;
    private const int EventsPerStream = 200;
    private const int SubscribersPerStream = 20;
    private const long Events = Streams * EventsPerStream;
    private const long Deliveries = Events * SubscribersPerStream;

    [Fact]
    public async Task Every_subscriber_gets_every_event_exactly_once_after_a_kill_mid_delivery()
    {
        var db = new CrashDatabase(database.ConnectionString);
        var clock = Stopwatch.StartNew();
        long receivedAtKill;
        long queuedAtKill;
        // Each stream's events in one OnNextBatchAsync, so publishing is acknowledged long before delivery ends.
        await using (var first = CrashHostProcess.Publish(database.ConnectionString, Streams, EventsPerStream, SubscribersPerStream, EventsPerStream))
        {
            await first.WaitForLineAsync($"published {Streams * EventsPerStream}", TimeSpan.FromSeconds(60));

            // A quarter of the events checkpointed (and compacted), so the kill lands after some commits and in the
            // middle of later batches, each half written to its subscribers.
            long queued = Events;
            await Eventually.WaitUntilAsync(
                async () => (queued = await db.QueuedEventsAsync()) <= Events * 3 / 4,
                $"a quarter of the {Events} events to be checkpointed (still queued: {queued})",
                TimeSpan.FromSeconds(60));
            await first.KillAsync();

            receivedAtKill = await db.ReceivedCountAsync();
            queuedAtKill = await db.QueuedEventsAsync();
            output.WriteLine($"killed after {clock.Elapsed.TotalSeconds:0.0} s with {receivedAtKill} of {Deliveries} deliveries persisted, {queuedAtKill} events queued");
            Assert.True(receivedAtKill < Deliveries,
                $"Delivery had already finished when the host was killed ({receivedAtKill} persisted); the kill must land mid-delivery.");
            Assert.True(queuedAtKill > 0, "No events were left in the queue at the kill.");
        }

        var restartedAt = clock.Elapsed;
        await using var second = CrashHostProcess.Serve(database.ConnectionString);
        await second.WaitForLineAsync("ready", TimeSpan.FromSeconds(30));
        long total = 0;
        await Eventually.WaitUntilAsync(
            async () => (total = await db.ReceivedCountAsync()) >= Deliveries,
            $"all {Deliveries} deliveries to be persisted after the restart (so far {total})",
            TimeSpan.FromSeconds(60));
        var recovered = clock.Elapsed - restartedAt;

        var states = await db.SubscribersAsync();
        Assert.Equal(Streams * SubscribersPerStream, states.Count);
        var expected = Enumerable.Range(1, EventsPerStream).Select(i => (long)i).ToList();
        for (var s = 0; s < Streams; s++)
        {
            var stream = $"{CrashDatabase.Namespace}/{CrashDatabase.StreamKey(s)}";
            for (var i = 0; i < SubscribersPerStream; i++)
            {
                var state = states[CrashDatabase.SubscriberKey(s, i)];
                Assert.Equal([stream], state.Received.Keys);
                Assert.Equal(expected, state.Received[stream]);
                Assert.Equal(EventsPerStream, state.Tracker.Accepted[stream]);
            }
        }

        Assert.Equal(Deliveries, total);
        await Eventually.WaitUntilAsync(
            async () => await db.QueuedEventsAsync() == 0, "the delivered events to be compacted out of stream_events", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await db.DeadLettersAsync());

        // The restart redelivered the batches the kill interrupted; the tracker dropped what had been persisted already.
        var duplicatesDropped = states.Values.Sum(s => s.DuplicatesDropped);
        output.WriteLine(
            $"recovered in {recovered.TotalSeconds:0.0} s after the restart: {total} deliveries persisted exactly once, {duplicatesDropped} duplicates dropped");
        Assert.True(duplicatesDropped > 0, "No event was redelivered after the kill, so the kill did not interrupt a batch.");
    }
}
