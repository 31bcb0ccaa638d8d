using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Weft.Persistence;
using Weft.Runtime.Hosting;
using Weft.Runtime.Persistence;
using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Testing;
using Weft.Testing.Time;

namespace Weft.Runtime.Tests;

/// <summary>Behaviour that needs its own silo: timeouts, idle collection, shutdown, timers, state consistency.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    private static string NewKey() => Guid.NewGuid().ToString("N");

    // A silo whose idle collector the test's clock drives: it looks every minute and collects after collectionAge.
    private static Task<TestSilo> StartCollectingAsync(FakeTimeProvider time, TimeSpan collectionAge, Action<SiloOptions>? configure = null) =>
        TestSilo.StartAsync(
            o =>
            {
                o.CollectionAge = collectionAge;
                o.CollectionQuantum = TimeSpan.FromMinutes(1);
                configure?.Invoke(o);
            },
            time);

    [Fact]
    public async Task A_call_that_outlives_the_timeout_fails_with_a_TimeoutException_naming_grain_and_method()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromMilliseconds(300));
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<IFaultyGrain>(key);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => grain.Hang());

        Assert.Contains("IFaultyGrain.Hang", error.Message);
        Assert.Contains("faulty/" + key, error.Message);
    }

    [Fact]
    public async Task Idle_activations_are_collected_after_the_collection_age_and_state_survives()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(15));
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();
        await counter.Increment();

        time.Advance(TimeSpan.FromMinutes(10));
        var collectedEarly = Probe.Events(key).Any(e => e.StartsWith("deactivate", StringComparison.Ordinal));
        for (var i = 0; i < 7; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:IdleCollection") == 1, "idle collection", s_deadline);
        await Eventually.WaitUntilAsync(() => silo.Catalog.Activations.All(a => a.GrainId.Key != key), "activation removed", s_deadline);
        var valueAfterReactivation = await counter.Get();

        Assert.False(collectedEarly);
        Assert.Equal(2, valueAfterReactivation);
        Assert.Equal(2, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task An_activation_in_use_is_not_collected()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(2));
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);

        for (var i = 0; i < 10; i++)
        {
            await counter.Increment();
            time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(10, await counter.Get());
        Assert.Equal(1, Probe.Count(key, "activate"));
        Assert.Equal(0, Probe.Count(key, "deactivate:IdleCollection"));
    }

    [Fact]
    public async Task A_class_with_a_collection_age_limit_is_collected_sooner_than_the_silo_age()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(15));
        var shortLivedKey = NewKey();
        var counterKey = NewKey();
        await silo.GrainFactory.GetGrain<IShortLivedGrain>(shortLivedKey).Touch();
        await silo.GrainFactory.GetGrain<ICounterGrain>(counterKey).Increment();

        time.Advance(TimeSpan.FromMinutes(1));
        var collectedEarly = Probe.Events(shortLivedKey).Any(e => e.StartsWith("deactivate", StringComparison.Ordinal));
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.WaitUntilAsync(
            () => Probe.Count(shortLivedKey, "deactivate:IdleCollection") == 1, "the short-lived grain's idle collection", s_deadline);

        Assert.False(collectedEarly);
        Assert.Equal(0, Probe.Count(counterKey, "deactivate:IdleCollection"));
        Assert.Contains(silo.Catalog.Activations, a => a.GrainId.Key == counterKey);
    }

    [Fact]
    public async Task Hundreds_of_activations_due_at_once_are_all_collected()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(15));
        var keys = Enumerable.Range(0, 600).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            await silo.GrainFactory.GetGrain<IShortLivedGrain>(key).Touch();
        }

        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.WaitUntilAsync(
            () => keys.All(key => Probe.Count(key, "deactivate:IdleCollection") == 1), "every short-lived grain collected", s_deadline);
        await Eventually.WaitUntilAsync(
            () => !silo.Catalog.Activations.Any(a => keys.Contains(a.GrainId.Key)), "every collected activation gone", s_deadline);

        Assert.All(keys, key => Assert.Equal(1, Probe.Count(key, "activate")));
    }

    [Fact]
    public async Task The_silo_setting_for_a_grain_type_overrides_its_collection_age()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(15), o => o.CollectionAgeByGrainType["counter"] = TimeSpan.FromMinutes(2));
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromMinutes(1));
        }

        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:IdleCollection") == 1, "idle collection", s_deadline);
        Assert.Equal(1, await counter.Get());
    }

    [Fact]
    public void Grain_type_ages_bind_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Weft:Silo:CollectionAgeByGrainType:status"] = "00:05:00" })
            .Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddWeftSilo();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<SiloOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(5), options.CollectionAgeByGrainType["status"]);
    }

    [Fact]
    public async Task A_collection_age_that_is_not_positive_fails_the_start_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => TestSilo.StartAsync(o => o.CollectionAgeByGrainType["counter"] = TimeSpan.Zero));

        Assert.Contains("CollectionAgeByGrainType", error.Message);
    }

    [Fact]
    public async Task Graceful_shutdown_deactivates_every_activation()
    {
        var silo = await TestSilo.StartAsync();
        var keys = Enumerable.Range(0, 25).Select(_ => NewKey()).ToList();
        foreach (var key in keys)
        {
            await silo.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        }

        await silo.DisposeAsync();

        Assert.All(keys, key => Assert.Equal(1, Probe.Count(key, "deactivate:ShuttingDown")));
    }

    [Fact]
    public async Task DeactivateOnIdle_deactivates_after_the_call_and_the_next_call_reads_state_back()
    {
        await using var silo = await TestSilo.StartAsync();
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();

        await counter.Deactivate();
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:ApplicationRequested") == 1, "deactivation", s_deadline);

        Assert.Equal(2, await counter.Increment());
        Assert.Equal(2, Probe.Count(key, "activate"));
    }

    [Fact]
    public async Task Timer_ticks_run_as_turns_and_wait_for_a_running_call()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.Start(TimeSpan.FromSeconds(1), keepAlive: false);

        var hold = grain.Hold();
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "holding") == 1, "grain holding its turn", s_deadline);
        time.Advance(TimeSpan.FromSeconds(1));
        var ticksWhileHeld = Probe.Count(key, "tick");
        await grain.Release();
        await hold;
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "tick") == 1, "first tick after the hold", s_deadline);

        // The next tick is armed when the first tick's turn ends, which this thread cannot observe: move the clock in
        // steps until it fires (a second step's worth is 10 steps away, so it cannot fire twice).
        await Eventually.WaitUntilAsync(
            () =>
            {
                if (Probe.Count(key, "tick") == 2)
                {
                    return true;
                }

                time.Advance(TimeSpan.FromMilliseconds(100));
                return false;
            },
            "second tick",
            s_deadline);

        Assert.Equal(0, ticksWhileHeld);
        Assert.False(await grain.TickRanDuringHold());
        Assert.Equal(2, await grain.Ticks());
    }

    [Fact]
    public async Task Timers_stop_when_the_activation_deactivates()
    {
        var time = new FakeTimeProvider();
        await using var silo = await TestSilo.StartAsync(timeProvider: time);
        var key = NewKey();
        var grain = silo.GrainFactory.GetGrain<ITimerGrain>(key);
        await grain.Start(TimeSpan.FromSeconds(1), keepAlive: false);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "tick") == 1, "first tick", s_deadline);

        await grain.Deactivate();
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:ApplicationRequested") == 1, "deactivation", s_deadline);
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1, Probe.Count(key, "tick"));
        Assert.Equal(0, await grain.Ticks());
    }

    [Fact]
    public async Task A_timer_without_keep_alive_does_not_keep_the_activation_alive()
    {
        var time = new FakeTimeProvider();
        await using var silo = await StartCollectingAsync(time, TimeSpan.FromMinutes(2));
        var key = NewKey();
        await silo.GrainFactory.GetGrain<ITimerGrain>(key).Start(TimeSpan.FromSeconds(30), keepAlive: false);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(30));
        }

        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:IdleCollection") == 1, "idle collection despite the timer", s_deadline);
    }

    [Fact]
    public async Task A_stale_etag_fails_the_write_and_the_next_call_reloads_the_stored_state()
    {
        var storage = new MemoryGrainStorage();
        await using var silo = await TestSilo.StartAsync(storage: storage);
        var key = NewKey();
        var counter = silo.GrainFactory.GetGrain<ICounterGrain>(key);
        await counter.Increment();
        var stateKey = new GrainStateKey("counter", key, "counter");
        var stored = await storage.ReadAsync(stateKey, CancellationToken.None);
        await storage.WriteAsync(stateKey, "{\"Value\":50}"u8.ToArray(), stored!.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() => counter.Increment());
        await Eventually.WaitUntilAsync(() => Probe.Count(key, "deactivate:InconsistentState") == 1, "deactivation after stale write", s_deadline);

        Assert.Equal(51, await counter.Increment());
    }

    [Fact]
    public async Task A_state_bound_to_a_missing_storage_provider_fails_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestSilo.StartAsync(
            services: s => s.AddGrainStorage("Unused", _ => new MemoryGrainStorage()),
            withDefaultStorage: false));

        Assert.Contains("Weft:Storage:Default:Provider", error.Message);
        Assert.Matches(@"Grain class \w+Grain keeps state '\w+' in storage 'Default'", error.Message);
    }
}
