using Microsoft.Extensions.Options;
using Weft.GrainInterfaces.Ids;

namespace Weft.Grains.Ids;

/// <summary>
/// Hands out <see cref="SnowflakeId"/>s for this process: strictly increasing, lock-free, without asking anyone. When a
/// millisecond's 1,024 sequence numbers are used up, it borrows from the next millisecond rather than waiting, and the
/// clock catches up.
/// </summary>
public sealed class SnowflakeIdGenerator(TimeProvider timeProvider, IOptions<SnowflakeIdOptions> options)
{
    private readonly int _node = options.Value.Node is >= 0 and <= SnowflakeId.MaxNode
        ? options.Value.Node
        : throw new ArgumentOutOfRangeException(nameof(options), $"Weft:Ids:Node must be 0–{SnowflakeId.MaxNode}.");

    private long _last;

    /// <summary>A new id, greater than every id this generator returned before.</summary>
    public long NextId()
    {
        var now = SnowflakeId.Create(timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), _node, 0);
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var next = now > last ? now : NextAfter(last);
            if (Interlocked.CompareExchange(ref _last, next, last) == last)
            {
                return next;
            }
        }
    }

    // Next sequence on this node; past the last sequence, the first one of the next millisecond.
    private long NextAfter(long last)
    {
        var sequence = last & SnowflakeId.MaxSequence;
        return sequence < SnowflakeId.MaxSequence
            ? last + 1
            : SnowflakeId.Create((last >> SnowflakeId.TimestampShift) + 1, _node, 0);
    }
}
