using System.Diagnostics;
using System.Globalization;

namespace Weft.Bench.Measurement;

/// <summary>Percentiles (nearest rank) of a set of durations measured in <see cref="Stopwatch"/> ticks.</summary>
internal readonly record struct LatencySummary(int Count, double MedianMicroseconds, double P90Microseconds, double P99Microseconds, double P999Microseconds)
{
    /// <summary>Sorts <paramref name="ticks"/> in place and summarizes it.</summary>
    public static LatencySummary FromTicks(long[] ticks)
    {
        Array.Sort(ticks);
        return new LatencySummary(ticks.Length, At(ticks, 0.50), At(ticks, 0.90), At(ticks, 0.99), At(ticks, 0.999));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"median {MedianMicroseconds:0.000} µs, p90 {P90Microseconds:0.000} µs, p99 {P99Microseconds:0.000} µs, p99.9 {P999Microseconds:0.000} µs");

    private static double At(long[] sorted, double percentile)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)] * 1_000_000.0 / Stopwatch.Frequency;
    }
}
