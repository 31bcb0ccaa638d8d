using System.Collections.Immutable;
using Weft.GrainInterfaces.Notifications;

namespace Weft.Grains.Data;

/// <summary>
/// Notification types as a bit mask (bit n = the type with value n), so both engines filter on types with one integer
/// parameter: <c>(mask &gt;&gt; type) &amp; 1</c>. There are a handful of types, far below 63.
/// </summary>
internal static class NotificationTypeMask
{
    /// <summary>The mask of <paramref name="types"/>; 0 for none (a default array counts as empty).</summary>
    public static long From(ImmutableArray<NotificationType> types)
    {
        var mask = 0L;
        if (!types.IsDefault)
        {
            foreach (var type in types)
            {
                var bit = (int)type;
                if (bit is >= 0 and < 63)
                {
                    mask |= 1L << bit;
                }
            }
        }

        return mask;
    }
}
