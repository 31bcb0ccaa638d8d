namespace Weft;

/// <summary>A grain timer. Dispose it to stop it.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Changes when the timer next fires and its period (<see cref="Timeout.InfiniteTimeSpan"/> for one-shot).</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}

/// <summary>When a grain timer fires and how its callback is scheduled.</summary>
/// <param name="DueTime">Delay before the first tick.</param>
/// <param name="Period">Delay between the end of a tick and the next one; <see cref="Timeout.InfiniteTimeSpan"/> for one tick only.</param>
public readonly record struct GrainTimerOptions(TimeSpan DueTime, TimeSpan Period)
{
    /// <summary>Let the callback interleave with calls at await points (never run in parallel with them).</summary>
    public bool Interleave { get; init; }

    /// <summary>Count ticks as activity, so the timer keeps the activation from being collected when idle.</summary>
    public bool KeepAlive { get; init; }
}
