namespace Weft.Bench.LocalCalls;

/// <summary>Which method of <see cref="Grains.IPingGrain"/> a measurement calls.</summary>
internal enum PingKind
{
    /// <summary><see cref="Grains.IPingGrain.Ping"/>: answered inline.</summary>
    ValueTask,

    /// <summary><see cref="Grains.IPingGrain.PingTask"/>: answered inline, through a Task.</summary>
    Task,

    /// <summary><see cref="Grains.IPingGrain.PingAfterYield"/>: the method awaits, so the answer comes back later.</summary>
    AfterYield,
}
