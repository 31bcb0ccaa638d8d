using Weft.Invocation;

namespace Weft.Runtime.Invocation;

/// <summary>
/// What every call needs from the silo: the copier for mutable values, the timeout, the clock, and the calls being
/// waited for.
/// </summary>
internal sealed class CallContext(IDeepCopier copier, TimeSpan callTimeout, TimeProvider timeProvider) : IDisposable
{
    public IDeepCopier Copier { get; } = copier;

    public TimeSpan CallTimeout { get; } = callTimeout;

    public TimeProvider TimeProvider { get; } = timeProvider;

    /// <summary>Calls whose callers are waiting, timed out by one sweep.</summary>
    public PendingCalls PendingCalls { get; } = new(callTimeout, timeProvider);

    /// <summary>The timestamp after which a queued call is no longer worth starting.</summary>
    public long Deadline()
        => CallTimeout == Timeout.InfiniteTimeSpan
            ? long.MaxValue
            : TimeProvider.GetTimestamp() + (long)(CallTimeout.TotalSeconds * TimeProvider.TimestampFrequency);

    public void Dispose() => PendingCalls.Dispose();
}
