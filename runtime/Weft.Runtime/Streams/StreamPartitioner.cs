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
