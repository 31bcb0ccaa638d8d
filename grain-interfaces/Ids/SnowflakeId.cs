namespace Weft.GrainInterfaces.Ids;

/// <summary>
/// Weft's 64-bit identifiers: 48 bits of Unix milliseconds, then 6 bits of node and 10 bits of sequence. They sort by
/// time, so "newer than" is "greater than", and nodes with distinct numbers never collide without talking to each other.
/// Serialized to clients as decimal strings (Mastodon's convention).
/// </summary>
public static class SnowflakeId
{
    /// <summary>Bits below the timestamp.</summary>
    public const int TimestampShift = 16;

    /// <summary>Bits of the per-millisecond sequence.</summary>
    public const int SequenceBits = 10;

    /// <summary>Bits of the node number.</summary>
    public const int NodeBits = TimestampShift - SequenceBits;

    /// <summary>The largest node number.</summary>
    public const int MaxNode = (1 << NodeBits) - 1;

    /// <summary>The largest sequence within one millisecond on one node.</summary>
    public const int MaxSequence = (1 << SequenceBits) - 1;

    /// <summary>Composes an id.</summary>
    public static long Create(long unixMilliseconds, int node, int sequence) =>
        (unixMilliseconds << TimestampShift) | ((long)node << SequenceBits) | (uint)sequence;

    /// <summary>The smallest id that could be created at <paramref name="time"/>; for "since this moment" queries.</summary>
    public static long MinimumFor(DateTimeOffset time) => time.ToUnixTimeMilliseconds() << TimestampShift;

    /// <summary>When the id was created.</summary>
    public static DateTimeOffset GetTimestamp(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> TimestampShift);

    /// <summary>Parses a client-supplied id: decimal digits only, positive, no sign or spaces.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long id)
    {
        id = 0;
        if (text.IsEmpty || text.Length > 19)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;
    }
}
