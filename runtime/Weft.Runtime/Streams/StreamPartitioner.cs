using System.Text;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// Maps a stream to a partition with a stable hash (FNV-1a over UTF-8), the same in every process and run
/// (string.GetHashCode is randomized per process, so it cannot be used).
/// </summary>
public static class StreamPartitioner
{
    /// <summary>The partition of <paramref name="streamId"/> among <paramref name="partitionCount"/>.</summary>
    public static int GetPartition(StreamId streamId, int partitionCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        var hash = Hash(streamId.Namespace, 14695981039346656037UL);
        hash = (hash ^ 0) * 1099511628211UL;
        hash = Hash(streamId.Key, hash);
        return (int)(hash % (ulong)partitionCount);
    }

    /// <summary>
    /// Why a queue must not start with <paramref name="partitionCount"/> partitions, or null if it may: some of its
    /// undelivered events (<paramref name="undelivered"/>: each stream with a partition its events are stored in) sit in
    /// a partition their stream no longer maps to, because the count changed. Their agents would never read them (a
    /// partition gone) or would deliver them out of order with the stream's new events.
    /// </summary>
    public static string? RefuseChangedCount(
        string providerName, string settings, int partitionCount, IEnumerable<(int Partition, StreamId Stream)> undelivered)
    {
        ArgumentNullException.ThrowIfNull(undelivered);
        var stranded = 0;
        var usedBefore = 0;
        foreach (var (partition, stream) in undelivered)
        {
            if (GetPartition(stream, partitionCount) != partition)
            {
                stranded++;
                usedBefore = Math.Max(usedBefore, partition + 1);
            }
        }

        return stranded == 0 ? null :
            $"Stream provider '{providerName}' has undelivered events of {stranded} stream(s) in partitions that PartitionCount " +
            $"{partitionCount} no longer maps them to (the queue was used with another count, at least {usedBefore}): they would be " +
            $"lost or delivered out of order. Start with the PartitionCount used before ({settings}:PartitionCount) until " +
            "those events are delivered, then stop every silo and change it.";
    }

    private static ulong Hash(string text, ulong hash)
    {
        Span<byte> buffer = stackalloc byte[256];
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        var bytes = max <= buffer.Length ? buffer : new byte[max];
        var length = Encoding.UTF8.GetBytes(text, bytes);
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }
}
