using System.Collections.Concurrent;

namespace Weft.Runtime.Tests.Grains;

public abstract class TurnGrainBase : Grain, ITurnProbe
{
    /// <summary>Activation of a grain whose key is here waits for the task, so tests can queue calls behind it.</summary>
    public static readonly ConcurrentDictionary<string, Task> ActivationGates = new();

    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inside;
    private int _maxInside;
    private int _threadsInside;
    private int _maxThreadsInside;

    public async Task<int> Work(int sequence)
    {
        Enter();
        Probe.Record(GetPrimaryKeyString(), "start:" + sequence);
        for (var i = 0; i < 3; i++)
        {
            ExitThread();
            await Task.Yield();
            EnterThread();
        }

        ExitThread();
        await Task.Delay(1);
        EnterThread();
        Probe.Record(GetPrimaryKeyString(), "end:" + sequence);
        return Exit();
    }

    public async Task<int> Read(int sequence)
    {
        Enter();
        ExitThread();
        await Task.Delay(20);
        EnterThread();
        return Exit();
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
        => ActivationGates.TryGetValue(GetPrimaryKeyString(), out var gate) ? gate : Task.CompletedTask;

    public Task WaitForGate() => _gate.Task;

    public Task Open()
    {
        Probe.Record(GetPrimaryKeyString(), "opened");
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<int> MaxConcurrency() => Task.FromResult(_maxInside);

    public Task<int> ThreadsInsideAtOnce() => Task.FromResult(_maxThreadsInside);

    private void Enter()
    {
        var now = Interlocked.Increment(ref _inside);
        _maxInside = Math.Max(_maxInside, now);
        EnterThread();
    }

    private int Exit()
    {
        ExitThread();
        var max = _maxInside;
        Interlocked.Decrement(ref _inside);
        return max;
    }

    // Counts threads running grain code at once: must stay 1 even for reentrant grains.
    private void EnterThread()
    {
        var now = Interlocked.Increment(ref _threadsInside);
        _maxThreadsInside = Math.Max(_maxThreadsInside, now);
        Thread.SpinWait(200);
    }

    private void ExitThread() => Interlocked.Decrement(ref _threadsInside);
}
