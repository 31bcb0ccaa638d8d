using System.Globalization;
using Weft.Bench.Measurement;

namespace Weft.Bench.LocalCalls;

/// <summary>One caller's sequential calls: per-call percentiles, the mean including timer overhead, and allocations.</summary>
internal readonly record struct LatencyResult(LatencySummary Latency, TimeSpan Elapsed, double BytesPerCall, bool BytesOnCallerThread)
{
    public double MeanNanoseconds => Elapsed.TotalNanoseconds / Latency.Count;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Latency}; mean {MeanNanoseconds:0} ns/call over {Latency.Count:N0} calls; " +
        $"{BytesPerCall:0.0} B/call allocated ({(BytesOnCallerThread ? "caller thread" : "whole process: the caller changed threads")})");
}
