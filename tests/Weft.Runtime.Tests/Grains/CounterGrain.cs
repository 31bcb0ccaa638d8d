namespace Weft.Runtime.Tests.Grains;

/// <summary>A counter persisted on every increment; records its lifecycle in the probe.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Probe.Record(GetPrimaryKeyString(), "activate");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Probe.Record(GetPrimaryKeyString(), "deactivate:" + reason);
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }

    public Task<int> IncrementFresh() => Increment();

    public ValueTask<int> Get() => ValueTask.FromResult(counter.State.Value);

    public Task Reset() => counter.ClearStateAsync();

    public ValueTask Deactivate()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }
}
