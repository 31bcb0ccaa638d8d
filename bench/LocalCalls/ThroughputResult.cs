using System.Globalization;
using Weft.Bench.Measurement;

namespace Weft.Bench.LocalCalls;

/// <summary>Calls completed by concurrent callers in a measured interval.</summary>
internal readonly record struct ThroughputResult(long Calls, TimeSpan Elapsed, GcSnapshot Start, GcSnapshot End)
{
    public double CallsPerSecond => Calls / Elapsed.TotalSeconds;

    public string Describe(int callers) => string.Create(CultureInfo.InvariantCulture,
        $"{CallsPerSecond:N0} calls/s ({Calls:N0} calls by {callers} callers in {Elapsed.TotalSeconds:0.00} s); {End.DescribeSince(Start, Calls)}");
}
