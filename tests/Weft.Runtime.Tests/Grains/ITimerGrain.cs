namespace Weft.Runtime.Tests.Grains;

public interface ITimerGrain : IGrainWithStringKey
{
    Task Start(TimeSpan period, bool keepAlive);

    Task<int> Ticks();

    /// <summary>Holds the turn until <see cref="Release"/>; a timer tick must wait for it.</summary>
    Task Hold();

    [AlwaysInterleave]
    Task Release();

    Task<bool> TickRanDuringHold();

    ValueTask Deactivate();
}
