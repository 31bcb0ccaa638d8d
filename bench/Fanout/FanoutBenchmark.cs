using System.Diagnostics;
using System.Globalization;
using Weft.Bench.Grains;
using Weft.Bench.LocalCalls;
using Weft.Bench.Measurement;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Persistence;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;
using Weft.Testing.PostgreSql;

namespace Weft.Bench.Fanout;

/// <summary>
/// Durable stream fan-out: subscriber grains explicitly subscribed to one or more streams of a PostgreSQL (or SQLite)
/// stream provider; measures sustained deliveries/s, the latency from OnNextAsync returning to the last subscriber
/// receiving, and durable events/s published by many publishers.
/// </summary>
internal static class FanoutBenchmark
{
    private const string ProviderName = "Default";
    private const string FanoutNamespace = "fanout";
    private const string PublishNamespace = "fanout-publish";
    private const int SubscribeConcurrency = 32;
    private const int LatencyEvents = 50;
    private const int PublishBatch = 20;
    private const int Publishers = 32;
    private static readonly TimeSpan s_latencyPause = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_eventDeadline = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(int seconds, int subscribers, int streams, string store, int partitions, int window, bool synchronousCommit = true)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"== fanout: {subscribers:N0} subscribers on each of {streams} stream(s), store {store}, {partitions} partitions, {seconds} s; publisher window {window:N0} events per stream"));
        if (store == "sqlite")
        {
            var directory = Directory.CreateTempSubdirectory("weft-bench-fanout-");
            try
            {
                var connectionString = $"Data Source={Path.Combine(directory.FullName, "weft.db")}";
                Console.WriteLine($"store: SQLite file {connectionString}");
                await RunOnQueueAsync(
                    () => new SqliteStreamQueue(ProviderName, new SqliteStreamQueueOptions { ConnectionString = connectionString, PartitionCount = partitions }),
                    duration, subscribers, streams, window);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            }

            return;
        }

        await using var database = await PostgreSqlDatabase.CreateAsync("bench_fanout");
        if (!synchronousCommit)
        {
            // A diagnostic: commits stop waiting for the WAL flush, which shows what publishing costs without the disk.
            await database.ExecuteAsync($"ALTER DATABASE \"{database.Name}\" SET synchronous_commit = off");
        }

        Console.WriteLine($"store: PostgreSQL, {database.Server.Description}");
        await RunOnQueueAsync(
            () => new PostgreSqlStreamQueue(ProviderName, new PostgreSqlStreamQueueOptions { ConnectionString = database.ConnectionString, PartitionCount = partitions }),
            duration, subscribers, streams, window);
    }

    private static async Task RunOnQueueAsync(Func<IStreamQueue> createQueue, TimeSpan duration, int subscriberCount, int streamCount, int window)
    {
        // Enough sequence numbers per stream for the warm-up, the latency events and a sustained run well above target.
        var probe = new FanoutProbe(streamCount, Math.Max(20_000, 2_000_000 / streamCount));
        FanoutProbe.Current = probe;
        StreamProviderOptions? providerOptions = null;
        // The bench assembly's other grains need a "Default" grain storage; subscribers keep no state.
        await using var silo = await BenchSilo.StartAsync(services =>
        {
            services.AddGrainStorage("Default", _ => new MemoryGrainStorage());
            services.AddWeftStreams().AddStreamProvider(ProviderName, _ => createQueue(), o => providerOptions = o);
        });
        var provider = silo.Services.GetStreamProvider(ProviderName);
        var streams = Enumerable.Range(0, streamCount)
            .Select(i => provider.GetStream<FanoutEvent>(new StreamId(FanoutNamespace, i.ToString(CultureInfo.InvariantCulture))))
            .ToArray();

        // Subscribe every grain to every stream: one stored row each.
        var started = Stopwatch.GetTimestamp();
        var subscriptions = Enumerable.Range(0, subscriberCount).SelectMany(i => streams.Select(s => (Stream: s, Subscriber: silo.GrainFactory.GetGrain<IFanoutSubscriberGrain>(i).GetGrainId())));
        await Parallel.ForEachAsync(
            subscriptions,
            new ParallelOptions { MaxDegreeOfParallelism = SubscribeConcurrency },
            async (subscription, cancellationToken) => await subscription.Stream.SubscribeAsync(subscription.Subscriber, cancellationToken));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"subscribed: {subscriberCount * streamCount:N0} subscriptions in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s ({SubscribeConcurrency} concurrent SubscribeAsync)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"provider: BatchSize {providerOptions!.BatchSize}, MaxConcurrentDeliveries {providerOptions.MaxConcurrentDeliveries}, DeliveryTimeout {providerOptions.DeliveryTimeout.TotalSeconds} s"));

        // Cold: the first event activates every subscriber.
        var cold = await PublishOneAndWaitAsync(streams[0], 0, probe, subscriberCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first event (activates {subscriberCount:N0} grains): last delivery {cold.LastDeliveryMilliseconds:0.0} ms after OnNextAsync returned"));

        // Warm-up: a few more single events on every stream, so agents, grain calls and JIT are warm.
        for (var w = 0; w < 5; w++)
        {
            for (var s = 0; s < streamCount; s++)
            {
                await PublishOneAndWaitAsync(streams[s], s, probe, subscriberCount);
            }
        }

        await MeasureLatencyAsync(streams[0], probe, subscriberCount);
        var deliveriesPerSecond = await MeasureSustainedAsync(streams, probe, subscriberCount, duration, window);
        await MeasurePublishingAsync(provider, duration);
        await silo.DisposeAsync();

        await MeasureQueueAppendsAsync(createQueue, duration);
        FanoutProbe.Current = null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"deliveries/s: {Math.Round(deliveriesPerSecond):0}"));
    }

    private static async Task MeasureLatencyAsync(IAsyncStream<FanoutEvent> stream, FanoutProbe probe, int subscriberCount)
    {
        var lastDelivery = new List<double>(LatencyEvents);
        var firstDelivery = new List<double>(LatencyEvents);
        var publish = new List<double>(LatencyEvents);
        var missed = 0;
        for (var i = 0; i < LatencyEvents; i++)
        {
            var result = await PublishOneAndWaitAsync(stream, 0, probe, subscriberCount);
            if (result.Complete)
            {
                lastDelivery.Add(result.LastDeliveryMilliseconds);
            }
            else
            {
                missed++;
            }

            publish.Add(result.PublishMilliseconds);
            await Task.Delay(s_latencyPause);
        }

        lastDelivery.Sort();
        publish.Sort();
        var incomplete = missed > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {missed} not fully delivered within {s_eventDeadline.TotalSeconds} s") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"latency, one event to {subscriberCount:N0} subscribers, OnNextAsync returned -> last subscriber received ({LatencyEvents} events, one at a time): " +
            $"p50 {Percentile(lastDelivery, 0.50):0.0} ms, p99 {Percentile(lastDelivery, 0.99):0.0} ms, max {Percentile(lastDelivery, 1.0):0.0} ms{incomplete}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  OnNextAsync itself (publish to acknowledgement): p50 {Percentile(publish, 0.50):0.00} ms, p99 {Percentile(publish, 0.99):0.00} ms"));
    }

    private static async Task<(long Sequence, bool Complete, double LastDeliveryMilliseconds, double PublishMilliseconds)> PublishOneAndWaitAsync(
        IAsyncStream<FanoutEvent> stream, int streamIndex, FanoutProbe probe, int subscriberCount)
    {
        var publishing = Stopwatch.GetTimestamp();
        var sequence = await stream.OnNextAsync(new FanoutEvent(streamIndex));
        var acknowledged = Stopwatch.GetTimestamp();
        probe.Acknowledge(streamIndex, sequence, sequence, acknowledged);
        var deadline = acknowledged + (long)(s_eventDeadline.TotalSeconds * Stopwatch.Frequency);
        while (probe.ReceivedCount(streamIndex, sequence) < subscriberCount && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(1);
        }

        var complete = probe.ReceivedCount(streamIndex, sequence) >= subscriberCount;
        var last = probe.LastArrival(streamIndex, sequence);
        return (sequence, complete, Milliseconds(last - acknowledged), Milliseconds(acknowledged - publishing));
    }

    /// <summary>
    /// One publisher per stream publishes batches of events while fewer than <paramref name="window"/> of its events are
    /// not yet delivered to every subscriber (so the queue always holds work, but the tail stays bounded); then waits
    /// for the tail. The rate is deliveries over the time from the first publish to the last delivery.
    /// </summary>
    private static async Task<double> MeasureSustainedAsync(
        IAsyncStream<FanoutEvent>[] streams, FanoutProbe probe, int subscriberCount, TimeSpan duration, int window)
    {
        probe.ResetHistogram();
        var deliveriesBefore = probe.Deliveries;
        var published = new long[streams.Length];
        var stop = new StopSignal();
        var gcStart = GcSnapshot.Take();
        var cpuStart = Environment.CpuUsage.TotalTime;
        var first = Stopwatch.GetTimestamp();
        var publishers = streams.Select((stream, index) => Task.Run(async () =>
        {
            var batch = Enumerable.Repeat(new FanoutEvent(index), PublishBatch).ToArray();
            long delivered = -1;
            long lastSequence = 0;
            while (!stop.IsSet)
            {
                // Events of one stream reach each subscriber in order, so "received by every subscriber" is a prefix.
                while (delivered >= 0 && delivered < lastSequence && probe.ReceivedCount(index, delivered + 1) >= subscriberCount)
                {
                    delivered++;
                }

                if (delivered >= 0 && lastSequence - delivered + PublishBatch > window)
                {
                    await Task.Delay(1);
                    continue;
                }

                lastSequence = await stream.OnNextBatchAsync(batch);
                probe.Acknowledge(index, lastSequence - PublishBatch + 1, lastSequence, Stopwatch.GetTimestamp());
                if (delivered < 0)
                {
                    delivered = lastSequence - PublishBatch;
                }

                Interlocked.Add(ref published[index], PublishBatch);
                if (lastSequence + PublishBatch > probe.CapacityPerStream)
                {
                    break;
                }
            }
        })).ToArray();

        await Task.Delay(duration);
        stop.Set();
        await Task.WhenAll(publishers);
        var publishedEnd = Stopwatch.GetTimestamp();
        var expected = published.Sum() * subscriberCount;

        // Drain the tail: stop when everything arrived, or when nothing arrived for 30 s, or after 5 minutes.
        var drainDeadline = publishedEnd + (long)(300 * Stopwatch.Frequency);
        var lastProgress = Stopwatch.GetTimestamp();
        var lastCount = probe.Deliveries;
        while (probe.Deliveries - deliveriesBefore < expected && Stopwatch.GetTimestamp() < drainDeadline)
        {
            await Task.Delay(10);
            var count = probe.Deliveries;
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress = Stopwatch.GetTimestamp();
            }
            else if (Stopwatch.GetElapsedTime(lastProgress) > TimeSpan.FromSeconds(30))
            {
                break;
            }
        }

        var cpu = Environment.CpuUsage.TotalTime - cpuStart;
        var gcEnd = GcSnapshot.Take();
        var delivered = probe.Deliveries - deliveriesBefore;
        var elapsed = Milliseconds(probe.LatestArrival - first) / 1000;
        var rate = delivered / elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sustained: {published.Sum():N0} events published to {streams.Length} stream(s) in {Milliseconds(publishedEnd - first) / 1000:0.00} s; " +
            $"{delivered:N0} of {expected:N0} deliveries, last {elapsed:0.00} s after the first publish (drain {Milliseconds(probe.LatestArrival - publishedEnd) / 1000:0.00} s)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {rate:N0} deliveries/s; per delivery, OnNextBatchAsync returned -> arrival: p50 {probe.PercentileMilliseconds(0.50)} ms, p99 {probe.PercentileMilliseconds(0.99)} ms " +
            $"({probe.ArrivedBeforeAcknowledgement:N0} arrived before the acknowledgement was recorded, counted as 0)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  process CPU {cpu.TotalSeconds:0.0} s ({cpu.TotalMilliseconds * 1000 / Math.Max(delivered, 1):0.00} µs/delivery); {gcEnd.DescribeSince(gcStart, delivered).Replace("/call", "/delivery", StringComparison.Ordinal)}"));
        if (delivered < expected)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  WARNING: {expected - delivered:N0} deliveries had not arrived when the drain gave up"));
        }

        return rate;
    }

    /// <summary>Durable publishing alone: many publishers, each on its own stream without subscribers, OnNextAsync in a loop.</summary>
    private static async Task MeasurePublishingAsync(IStreamProvider provider, TimeSpan duration)
    {
        var stop = new StopSignal();
        var first = Stopwatch.GetTimestamp();
        var publishers = Enumerable.Range(0, Publishers).Select(i => Task.Run(async () =>
        {
            var stream = provider.GetStream<FanoutEvent>(new StreamId(PublishNamespace, i.ToString(CultureInfo.InvariantCulture)));
            var item = new FanoutEvent(-1);
            var latencies = new List<long>(16_384);
            while (!stop.IsSet)
            {
                var started = Stopwatch.GetTimestamp();
                await stream.OnNextAsync(item);
                latencies.Add(Stopwatch.GetTimestamp() - started);
            }

            return latencies;
        })).ToArray();
        await Task.Delay(duration);
        stop.Set();
        var perPublisher = await Task.WhenAll(publishers);
        var elapsed = Stopwatch.GetElapsedTime(first);
        var latencies = perPublisher.SelectMany(l => l).ToArray();
        var summary = LatencySummary.FromTicks(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"publishing: {latencies.Length / elapsed.TotalSeconds:N0} durable events/s ({latencies.Length:N0} OnNextAsync by {Publishers} publishers on distinct streams without subscribers in {elapsed.TotalSeconds:0.00} s); " +
            $"OnNextAsync p50 {summary.MedianMicroseconds / 1000:0.000} ms, p99 {summary.P99Microseconds / 1000:0.000} ms"));
    }

    /// <summary>
    /// The yardstick for <see cref="MeasurePublishingAsync"/>: the same appends straight on a queue, with no silo, so no
    /// pulling agents reading, committing checkpoints and deleting events at the same time.
    /// </summary>
    private static async Task MeasureQueueAppendsAsync(Func<IStreamQueue> createQueue, TimeSpan duration)
    {
        var queue = createQueue();
        try
        {
            await queue.InitializeAsync(CancellationToken.None);
            var payload = new EncodedStreamEvent(typeof(FanoutEvent).FullName!, "{\"Stream\":-1}"u8.ToArray());
            var stop = new StopSignal();
            var first = Stopwatch.GetTimestamp();
            var publishers = Enumerable.Range(0, Publishers).Select(i => Task.Run(async () =>
            {
                var streamId = new StreamId(PublishNamespace + "-alone", i.ToString(CultureInfo.InvariantCulture));
                EncodedStreamEvent[] events = [payload];
                long count = 0;
                while (!stop.IsSet)
                {
                    await queue.AppendAsync(streamId, events, CancellationToken.None);
                    count++;
                }

                return count;
            })).ToArray();
            await Task.Delay(duration);
            stop.Set();
            var appended = (await Task.WhenAll(publishers)).Sum();
            var elapsed = Stopwatch.GetElapsedTime(first);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  yardstick, the queue alone (IStreamQueue.AppendAsync, {Publishers} publishers, no silo and no agents): {appended / elapsed.TotalSeconds:N0} appends/s"));
        }
        finally
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

    private static double Percentile(List<double> sorted, double percentile)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
