namespace Weft.Runtime.Tests.Grains;

/// <summary>A counter persisted on every increment; records its lifecycle in the probe.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<CounterState> counter) : ProbedGrain, ICounterGrain
{
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
