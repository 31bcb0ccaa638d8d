using System.Diagnostics;
using System.Globalization;
using Weft.Streams.CrashTests.Support;
using Weft.Testing;
using Weft.Testing.Xunit;
using Xunit.Abstractions;

namespace Weft.Streams.CrashTests;

/// <summary>
/// SIGKILL a silo while it is still publishing: every event whose OnNextAsync returned is delivered after a restart,
/// exactly once per subscriber. An event whose append committed just before the kill, unacknowledged, may be delivered
/// too; nothing else exists to deliver.
/// </summary>
public sealed class KillDuringPublishingTests(PostgreSqlDatabaseFixture database, ITestOutputHelper output)
    : IClassFixture<PostgreSqlDatabaseFixture>
{
    private const int Streams = 10;
    private const int EventsPerStream = 200;
    private const int SubscribersPerStream = 20;
    private const int AcknowledgedBeforeKill = 200;

    [Fact]
    public async Task Every_acknowledged_event_is_delivered_exactly_once_after_a_kill_during_publishing()
    {
        var db = new CrashDatabase(database.ConnectionString);
        var clock = Stopwatch.StartNew();
        Dictionary<string, long> acknowledged;
        await using (var first = CrashHostProcess.Publish(database.ConnectionString, Streams, EventsPerStream, SubscribersPerStream, 1))
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
        var heads = await db.StreamHeadsAsync();
        var acknowledgedCount = acknowledged.Values.Sum();
        var committedCount = heads.Values.Sum();
        output.WriteLine(
            $"killed after {clock.Elapsed.TotalSeconds:0.0} s: {acknowledgedCount} of {Streams * EventsPerStream} events acknowledged, {committedCount} committed");
        Assert.Equal(Streams, acknowledged.Count);
        Assert.All(acknowledged, a => Assert.InRange(heads[a.Key], a.Value, a.Value + 1));
        Assert.InRange(committedCount, acknowledgedCount, acknowledgedCount + 1);
        Assert.True(committedCount < Streams * EventsPerStream, "Publishing had finished before the kill.");

        var restartedAt = clock.Elapsed;
        var deliveries = committedCount * SubscribersPerStream;
        await using var second = CrashHostProcess.Serve(database.ConnectionString);
        await second.WaitForLineAsync("ready", TimeSpan.FromSeconds(30));
        long total = 0;
        await Eventually.WaitUntilAsync(
            async () => (total = await db.ReceivedCountAsync()) >= deliveries,
            $"all {deliveries} deliveries of committed events to be persisted after the restart (so far {total})",
            TimeSpan.FromSeconds(60));
        var recovered = clock.Elapsed - restartedAt;

        var states = await db.SubscribersAsync();
        Assert.Equal(Streams * SubscribersPerStream, states.Count);
        foreach (var (streamKey, head) in heads)
        {
            var stream = $"{CrashDatabase.Namespace}/{streamKey}";
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
            async () => await db.QueuedEventsAsync() == 0, "the delivered events to be compacted out of stream_events", TimeSpan.FromSeconds(30));
        Assert.Equal(0, await db.DeadLettersAsync());
        output.WriteLine($"recovered in {recovered.TotalSeconds:0.0} s after the restart: {total} deliveries persisted exactly once");
    }

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
