using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Testing;

namespace Weft.Runtime.Tests;

/// <summary>Cases found in review: each once hung a grain, crashed the process or broke a guarantee.</summary>
[Collection(SharedSiloCollection.Name)]
public sealed class RobustnessTests(SharedSiloFixture fixture)
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_chain_of_ten_thousand_calls_between_active_grains_does_not_overflow_the_stack()
    {
        var start = Random.Shared.NextInt64(1, long.MaxValue / 2);
        var head = fixture.GrainFactory.GetGrain<IChainGrain>(start);
        const int Depth = 10_000;
        const long Expected = (long)Depth * (Depth + 1) / 2;

        var first = await head.Sum(Depth);
        var second = await head.Sum(Depth);

        Assert.Equal(Expected, first);
        Assert.Equal(Expected, second);
    }

    [Fact]
    public async Task A_grain_that_asked_to_deactivate_still_takes_the_call_back_its_running_call_waits_for()
    {
        var key = NewKey();
        var bouncer = fixture.GrainFactory.GetGrain<IBouncerGrain>(key);

        var answer = await bouncer.DeactivateThenBounceOff(NewKey()).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("pong from " + key, answer);
    }

    [Fact]
    public async Task A_timer_callback_returning_null_does_not_jam_the_grain()
    {
        var key = NewKey();
        var bouncer = fixture.GrainFactory.GetGrain<IBouncerGrain>(key);
        await bouncer.StartTimerReturningNull();

        await Eventually.WaitUntilAsync(() => Probe.Count(key, "tick") == 1, "the timer firing");

        Assert.Equal("pong from " + key, await bouncer.DeactivateThenBounceOff(NewKey()).WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_call_that_cannot_be_routed_returns_a_faulted_task_instead_of_throwing()
    {
        var silo = await TestSilo.StartAsync();
        var grain = silo.GrainFactory.GetGrain<IEchoGrain>(NewKey());
        await silo.DisposeAsync();

        var call = grain.Key();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
        Assert.Contains("shutting down", error.Message);
    }

    [Theory]
    [InlineData("CallTimeout", "00:00:00")]
    [InlineData("CollectionAge", "-00:01:00")]
    [InlineData("CallTimeout", "60.00:00:00")]
    public async Task Invalid_silo_durations_fail_start_up_naming_the_settings(string setting, string value)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestSilo.StartAsync(o =>
        {
            var parsed = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            if (setting == "CallTimeout")
            {
                o.CallTimeout = parsed;
            }
            else
            {
                o.CollectionAge = parsed;
            }
        }));

        Assert.Contains("Weft:Silo", error.Message);
        Assert.Contains(setting, error.Message);
    }
}
