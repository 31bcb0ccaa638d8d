namespace Weft.Grains.Fanout;

/// <summary>What a fan-out grain stores: whether (since when) its author counts as big.</summary>
public sealed class FanoutState
{
    /// <summary>When the author was recorded as big, or null if it is not.</summary>
    public DateTimeOffset? BigSince { get; set; }

    /// <summary>When the author stopped being big, or null.</summary>
    public DateTimeOffset? SmallSince { get; set; }
}
