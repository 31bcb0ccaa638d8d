using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;

namespace Weft.Runtime.Tests;

[Collection(SharedSiloCollection.Name)]
public sealed class TurnTests(SharedSiloFixture fixture)
{
    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Calls_to_a_non_reentrant_grain_never_overlap()
    {
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(NewKey());

        var seen = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => grain.Work(i))));

        Assert.All(seen, max => Assert.Equal(1, max));
        Assert.Equal(1, await grain.MaxConcurrency());
        Assert.Equal(1, await grain.ThreadsInsideAtOnce());
    }

    [Fact]
    public async Task Calls_from_one_caller_run_in_the_order_they_were_made()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(key);

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => grain.Work(i)).ToList());

        var expected = Enumerable.Range(0, 30).SelectMany(i => new[] { "start:" + i, "end:" + i });
        Assert.Equal(expected, Probe.Events(key));
    }

    [Fact]
    public async Task Reentrant_grain_interleaves_at_awaits_but_runs_one_thread_at_a_time()
    {
        var grain = fixture.GrainFactory.GetGrain<IReentrantTurnGrain>(NewKey());

        // Would deadlock on a non-reentrant grain: the second call opens the gate the first waits on.
        var waiting = grain.WaitForGate();
        var work = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => grain.Work(i)));
        await grain.Open();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(await grain.MaxConcurrency() > 1);
        Assert.Equal(1, await grain.ThreadsInsideAtOnce());
        Assert.NotEmpty(work);
    }

    [Fact]
    public async Task AlwaysInterleave_method_runs_while_another_call_awaits()
    {
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(NewKey());

        var waiting = grain.WaitForGate();
        await grain.Open().WaitAsync(TimeSpan.FromSeconds(10));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_regular_call_waits_behind_a_call_that_awaits()
    {
        var key = NewKey();
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(key);
        await grain.MaxConcurrency();

        // With the activation idle, a wrongly admitted call would start inline, before Open is even sent.
        var waiting = grain.WaitForGate();
        var queued = grain.Work(1);
        await grain.Open();
        await Task.WhenAll(waiting, queued).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["opened", "start:1", "end:1"], Probe.Events(key));
    }

    [Fact]
    public async Task AlwaysInterleave_call_queued_during_activation_does_not_wait_behind_blocked_calls()
    {
        var key = NewKey();
        var activationGate = new TaskCompletionSource();
        TurnGrainBase.ActivationGates[key] = activationGate.Task;
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(key);

        var waiting = grain.WaitForGate();
        var queued = grain.Work(1);
        var open = grain.Open();
        activationGate.SetResult();

        await Task.WhenAll(waiting, queued, open).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["opened", "start:1", "end:1"], Probe.Events(key));
    }

    [Fact]
    public async Task ReadOnly_calls_interleave_with_each_other()
    {
        var grain = fixture.GrainFactory.GetGrain<ITurnGrain>(NewKey());

        var seen = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => grain.Read(i)));

        Assert.True(seen.Max() > 1, "read-only calls should have overlapped");
        Assert.Equal(1, await grain.ThreadsInsideAtOnce());
    }
}
