using System.Diagnostics;
using System.Globalization;
using Weft.Bench.Grains;
using Weft.Bench.Measurement;
using Weft.Runtime.Persistence;

namespace Weft.Bench.LocalCalls;

/// <summary>
/// Calls to a trivial grain inside one silo: throughput of many interleaved callers, the round trip of one caller,
/// and the same with a Task-returning method. No state is written on the measured path.
/// </summary>
internal static class LocalCallsBenchmark
{
    private const int GrainCount = 1_000;
    private const int CallsBetweenYields = 256;
    private const int LatencyCalls = 1_000_000;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int seconds, int callers)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"== local-calls: {GrainCount:N0} grains, {callers} callers, {seconds} s per throughput run");
        await using var silo = await BenchSilo.StartAsync(services => services.AddGrainStorage("Default", _ => new MemoryGrainStorage()));

        var grains = new IPingGrain[GrainCount];
        for (var i = 0; i < grains.Length; i++)
        {
            grains[i] = silo.GrainFactory.GetGrain<IPingGrain>(i);
            await grains[i].Ping(0);
        }

        await MeasureThroughputAsync(grains, callers, s_warmUp, PingKind.ValueTask);
        await MeasureLatencyAsync(grains, LatencyCalls / 10, PingKind.ValueTask);

        var throughput = await MeasureThroughputAsync(grains, callers, duration, PingKind.ValueTask);
        Console.WriteLine($"throughput (ValueTask<int> Ping): {throughput.Describe(callers)}");

        var latency = await MeasureLatencyAsync(grains, LatencyCalls, PingKind.ValueTask);
        Console.WriteLine($"single caller (ValueTask<int> Ping): {latency.Describe()}");

        await MeasureThroughputAsync(grains, callers, s_warmUp / 2, PingKind.Task);
        await MeasureLatencyAsync(grains, LatencyCalls / 10, PingKind.Task);
        var taskThroughput = await MeasureThroughputAsync(grains, callers, duration, PingKind.Task);
        var taskLatency = await MeasureLatencyAsync(grains, LatencyCalls, PingKind.Task);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Task<int> variant (PingTask): {taskThroughput.CallsPerSecond:N0} calls/s, " +
            $"{(taskThroughput.End.AllocatedBytes - taskThroughput.Start.AllocatedBytes) / (double)taskThroughput.Calls:0.0} B/call; " +
            $"single caller median {taskLatency.Latency.MedianMicroseconds:0.000} µs, p99 {taskLatency.Latency.P99Microseconds:0.000} µs, " +
            $"{taskLatency.BytesPerCall:0.0} B/call"));

        // A method that awaits ends its turn before it answers: the call waits through a message, watched for its timeout.
        await MeasureThroughputAsync(grains, callers, s_warmUp / 2, PingKind.AfterYield);
        var yieldThroughput = await MeasureThroughputAsync(grains, callers, duration, PingKind.AfterYield);
        var yieldLatency = await MeasureLatencyAsync(grains, LatencyCalls / 10, PingKind.AfterYield);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"awaiting method (PingAfterYield): {yieldThroughput.Describe(callers)}; " +
            $"single caller median {yieldLatency.Latency.MedianMicroseconds:0.000} µs, p99 {yieldLatency.Latency.P99Microseconds:0.000} µs, " +
            $"{yieldLatency.BytesPerCall:0.0} B/call"));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"local-calls/s: {Math.Round(throughput.CallsPerSecond):0}"));
    }

    private static async Task<ThroughputResult> MeasureThroughputAsync(IPingGrain[] grains, int callers, TimeSpan duration, PingKind kind)
    {
        var stop = new StopSignal();
        var tasks = new Task<long>[callers];
        var start = GcSnapshot.Take();
        var stopwatch = Stopwatch.StartNew();
        for (var c = 0; c < callers; c++)
        {
            // Callers start spread over the grains, so they rarely meet on one activation.
            var first = (int)((long)c * grains.Length / callers);
            tasks[c] = Task.Run(() => CallPingAsync(grains, first, stop, kind));
        }

        await Task.Delay(duration);
        stop.Set();
        var counts = await Task.WhenAll(tasks);
        stopwatch.Stop();
        var end = GcSnapshot.Take();
        return new ThroughputResult(counts.Sum(), stopwatch.Elapsed, start, end);
    }

    private static async Task<long> CallPingAsync(IPingGrain[] grains, int index, StopSignal stop, PingKind kind)
    {
        long calls = 0;
        while (!stop.IsSet)
        {
            for (var n = 0; n < CallsBetweenYields; n++)
            {
                var grain = grains[index];
                index = index + 1 == grains.Length ? 0 : index + 1;
                if (await CallAsync(grain, n, kind) != n + 1)
                {
                    throw new InvalidOperationException($"{kind} returned a wrong value.");
                }
            }

            calls += CallsBetweenYields;
            await Task.Yield();
        }

        return calls;
    }

    private static ValueTask<int> CallAsync(IPingGrain grain, int value, PingKind kind) => kind switch
    {
        PingKind.Task => new ValueTask<int>(grain.PingTask(value)),
        PingKind.AfterYield => grain.PingAfterYield(value),
        _ => grain.Ping(value),
    };

    private static async Task<LatencyResult> MeasureLatencyAsync(IPingGrain[] grains, int calls, PingKind kind)
    {
        var ticks = new long[calls];
        var thread = Environment.CurrentManagedThreadId;
        var processBefore = GC.GetTotalAllocatedBytes(precise: true);
        var threadBefore = GC.GetAllocatedBytesForCurrentThread();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            var grain = grains[i % grains.Length];
            var started = Stopwatch.GetTimestamp();
            var result = await CallAsync(grain, i, kind);
            ticks[i] = Stopwatch.GetTimestamp() - started;
            if (result != i + 1)
            {
                throw new InvalidOperationException("Ping returned a wrong value.");
            }
        }

        stopwatch.Stop();
        var sameThread = thread == Environment.CurrentManagedThreadId;
        var allocated = sameThread
            ? GC.GetAllocatedBytesForCurrentThread() - threadBefore
            : GC.GetTotalAllocatedBytes(precise: true) - processBefore;
        return new LatencyResult(LatencySummary.FromTicks(ticks), stopwatch.Elapsed, allocated / (double)calls, sameThread);
    }
}
