using Weft.Invocation;
using Weft.Runtime.Catalog;
using Weft.Runtime.Invocation;
using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Testing;
using Weft.Testing.Time;

namespace Weft.Runtime.Tests.Invocation;

/// <summary>One sweep times out the calls past their deadline; answered calls leave the watch list.</summary>
public sealed class PendingCallsTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public void A_sweep_times_out_only_the_calls_past_their_deadline_and_only_once()
    {
        var time = new FakeTimeProvider();
        using var calls = new PendingCalls(TimeSpan.FromSeconds(30), time);
        var early = new ProbeCall(time.GetTimestamp() + TimeSpan.TicksPerSecond);
        var late = new ProbeCall(time.GetTimestamp() + (60 * TimeSpan.TicksPerSecond));
        calls.Add(early);
        calls.Add(late);

        time.Advance(TimeSpan.FromSeconds(2));
        calls.Sweep();
        calls.Sweep();

        Assert.Equal(1, early.TimedOut);
        Assert.Equal(0, late.TimedOut);
        Assert.Equal(1, calls.Count);
    }

    [Fact]
    public void A_removed_call_is_never_timed_out_and_removing_twice_is_harmless()
    {
        var time = new FakeTimeProvider();
        using var calls = new PendingCalls(TimeSpan.FromSeconds(30), time);
        var answered = new ProbeCall(time.GetTimestamp());
        var middle = new ProbeCall(time.GetTimestamp());
        var last = new ProbeCall(time.GetTimestamp() + (60 * TimeSpan.TicksPerSecond));
        calls.Add(answered);
        calls.Add(middle);
        calls.Add(last);

        PendingCalls.Remove(middle);
        PendingCalls.Remove(middle);
        PendingCalls.Remove(answered);
        time.Advance(TimeSpan.FromSeconds(1));
        calls.Sweep();

        Assert.Equal(0, answered.TimedOut);
        Assert.Equal(0, middle.TimedOut);
        Assert.Equal(1, calls.Count);
        PendingCalls.Remove(last);
        Assert.Equal(0, calls.Count);
    }

    [Fact]
    public void The_sweep_runs_on_the_silo_clock_every_quarter_of_the_timeout_and_at_most_every_second()
    {
        var time = new FakeTimeProvider();
        using var shortTimeout = new PendingCalls(TimeSpan.FromMilliseconds(400), time);
        using var longTimeout = new PendingCalls(TimeSpan.FromSeconds(30), time);
        using var noTimeout = new PendingCalls(Timeout.InfiniteTimeSpan, time);
        var call = new ProbeCall(time.GetTimestamp() + (TimeSpan.TicksPerMillisecond * 400));
        shortTimeout.Add(call);

        time.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Equal(0, call.TimedOut);
        time.Advance(TimeSpan.FromMilliseconds(100));

        Assert.Equal(TimeSpan.FromMilliseconds(100), shortTimeout.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), longTimeout.SweepInterval);
        Assert.Equal(1, call.TimedOut);
    }

    [Fact]
    public async Task Calls_that_answer_late_or_fail_leave_nothing_watched_and_a_hanging_call_times_out()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(2));
        var key = Guid.NewGuid().ToString("N");
        var faulty = silo.GrainFactory.GetGrain<IFaultyGrain>(key);
        var calls = silo.Catalog.CallContext.PendingCalls;

        var concurrent = Enumerable.Range(0, 50).Select(async i =>
        {
            var counter = silo.GrainFactory.GetGrain<ICounterGrain>($"{key}-{i % 7}");
            await counter.Increment();
            return await counter.Get();
        });
        await Task.WhenAll(concurrent);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => faulty.ThrowNow("boom"));
        var hang = Assert.ThrowsAsync<TimeoutException>(() => faulty.Hang());

        await Eventually.WaitUntilAsync(() => calls.Count == 1, "only the hanging call to be watched", s_deadline);
        var error = await hang.WaitAsync(s_deadline);
        Assert.Contains("IFaultyGrain.Hang", error.Message);
        Assert.Equal(0, calls.Count);
    }

    private sealed class ProbeCall : PendingCall
    {
        public ProbeCall(long answerDeadline) => AnswerDeadline = answerDeadline;

        public int TimedOut { get; private set; }

        public override GrainMethodOptions Options => GrainMethodOptions.None;

        public override void TimeOut() => TimedOut++;

        public override void Start(Activation activation) => throw new NotSupportedException();

        public override void Fail(Exception exception) => throw new NotSupportedException();

        public override void Redirect(GrainCatalog catalog, GrainId grainId) => throw new NotSupportedException();
    }
}
