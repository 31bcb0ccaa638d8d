using Weft.Invocation;

namespace Weft.Runtime.Invocation;

/// <summary>What every call needs from the silo: the copier for mutable values, the timeout and the clock.</summary>
internal sealed class CallContext(IDeepCopier copier, TimeSpan callTimeout, TimeProvider timeProvider)
{
    public IDeepCopier Copier { get; } = copier;

    public TimeSpan CallTimeout { get; } = callTimeout;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>The timestamp after which a queued call is no longer worth starting.</summary>
    public long Deadline()
        => CallTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : TimeProvider.GetTimestamp() + (long)(CallTimeout.TotalSeconds * TimeProvider.TimestampFrequency);
}
