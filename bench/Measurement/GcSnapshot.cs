using System.Globalization;

namespace Weft.Bench.Measurement;

/// <summary>Process-wide allocation and collection counters at one moment, to report what happened between two.</summary>
internal readonly record struct GcSnapshot(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
{
    public static GcSnapshot Take() => new(GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

    /// <summary>Bytes allocated per operation and the collections since <paramref name="start"/>.</summary>
    public string DescribeSince(GcSnapshot start, long operations) => string.Create(CultureInfo.InvariantCulture,
        $"{(AllocatedBytes - start.AllocatedBytes) / (double)Math.Max(operations, 1):0.0} B/call allocated; GCs gen0 {Gen0 - start.Gen0}, gen1 {Gen1 - start.Gen1}, gen2 {Gen2 - start.Gen2}");
}
