namespace Weft.Runtime.Tests.Grains;

public sealed class TimerGrain : Grain, ITimerGrain
{
    private TaskCompletionSource? _release;
    private bool _holding;
    private bool _tickDuringHold;
    private int _ticks;

    public Task Start(TimeSpan period, bool keepAlive)
    {
        RegisterGrainTimer(OnTick, new GrainTimerOptions(period, period) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    private Task OnTick(CancellationToken cancellationToken)
    {
        _tickDuringHold |= _holding;
        _ticks++;
        Probe.Record(GetPrimaryKeyString(), "tick");
        return Task.CompletedTask;
    }

    public Task<int> Ticks() => Task.FromResult(_ticks);

    public async Task Hold()
    {
        _holding = true;
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Probe.Record(GetPrimaryKeyString(), "holding");
        await _release.Task;
        _holding = false;
    }

    public Task Release()
    {
        _release?.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<bool> TickRanDuringHold() => Task.FromResult(_tickDuringHold);

    public ValueTask Deactivate()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(GetPrimaryKeyString(), "deactivate:" + reason);
        return Task.CompletedTask;
    }
}
