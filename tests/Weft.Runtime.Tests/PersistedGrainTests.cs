using System.Text;
using Weft.Persistence;
using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Testing;

namespace Weft.Runtime.Tests;

/// <summary>Grains with persistent state on a real store; two silos on one store stand in for two processes.</summary>
public abstract class PersistedGrainTests
{
    protected abstract IGrainStorage CreateStorage();

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_thousand_concurrent_increments_of_a_persisted_counter_end_at_exactly_1000()
    {
        var storage = CreateStorage();
        await using var silo = await TestSilo.StartAsync(storage: storage);
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);

        var results = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(() => counter.Increment())));

        Assert.Equal(Enumerable.Range(1, 1000), results.Order());
        var stored = await storage.ReadAsync(new GrainStateKey("counter", key, "counter"), CancellationToken.None);
        Assert.Equal("{\"Value\":1000}", Encoding.UTF8.GetString(stored!.Data!));
    }

    [Fact]
    public async Task State_survives_a_silo_restart()
    {
        var key = NewKey();
        await using (var first = await TestSilo.StartAsync(storage: CreateStorage()))
        {
            var counter = first.GrainFactory.GetGrain<ICounterGrain>(key);
            for (var i = 0; i < 3; i++)
            {
                await counter.Increment();
            }
        }

        await using var second = await TestSilo.StartAsync(storage: CreateStorage());

        Assert.Equal(3, await second.GrainFactory.GetGrain<ICounterGrain>(key).Get());
    }

    [Fact]
    public async Task A_write_from_another_silo_makes_the_stale_activation_reload()
    {
        var key = NewKey();
        await using var first = await TestSilo.StartAsync(storage: CreateStorage());
        await using var second = await TestSilo.StartAsync(storage: CreateStorage());
        var inFirst = first.GrainFactory.GetGrain<ICounterGrain>(key);
        var inSecond = second.GrainFactory.GetGrain<ICounterGrain>(key);
        await inFirst.Increment();
        await inSecond.Increment();

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => inFirst.Increment());
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:InconsistentState") == 1, "stale activation deactivated");

        Assert.Contains(key, error.Message);
        Assert.Equal(3, await inFirst.Increment());
    }

    [Fact]
    public async Task A_fresh_key_call_skips_the_state_read_and_cannot_overwrite_a_stored_state()
    {
        var storage = CreateStorage();
        await using var silo = await TestSilo.StartAsync(storage: storage);

        // A new key: the activation starts empty without reading, and the first write inserts.
        var fresh = silo.GrainFactory.GetGrain<ICounterGrain>(NewKey());
        Assert.Equal(1, await fresh.IncrementFresh());
        // Already active: the call runs on the activation as it is.
        Assert.Equal(2, await fresh.IncrementFresh());

        // A stored key, inactive: the skipped read shows as a write that expects no row and is refused.
        var key = NewKey();
        var stored = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await stored.Increment();
        await stored.Increment();
        await stored.Deactivate();
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:ApplicationRequested") == 1, "deactivation");

        await Assert.ThrowsAsync<InconsistentStateException>(() => stored.IncrementFresh());

        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:InconsistentState") == 1, "the refused activation deactivated");
        Assert.Equal(2, await stored.Get());
        var row = await storage.ReadAsync(new GrainStateKey("counter", key, "counter"), CancellationToken.None);
        Assert.Equal("{\"Value\":2}", Encoding.UTF8.GetString(row!.Data!));
    }

    [Fact]
    public async Task Cleared_state_reads_back_empty_after_reactivation()
    {
        var key = NewKey();
        await using var silo = await TestSilo.StartAsync(storage: CreateStorage());
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        await counter.Reset();
        await counter.Deactivate();
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:ApplicationRequested") == 1, "deactivation");

        Assert.Equal(0, await counter.Get());
        Assert.Equal(1, await counter.Increment());
    }
}
