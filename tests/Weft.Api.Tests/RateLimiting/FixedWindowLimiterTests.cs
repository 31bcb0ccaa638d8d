using System.Threading.RateLimiting;
using Weft.Api.RateLimiting;
using Weft.Testing.Time;

namespace Weft.Api.Tests.RateLimiting;

/// <summary>The fixed window behind every rate limit, on a fake clock: what it grants, and when it says it resets.</summary>
public sealed class FixedWindowLimiterTests
{
    private static readonly RateLimitRule s_threePerMinute = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) };

    [Fact]
    public void Permits_run_out_within_a_window_and_come_back_when_it_ends()
    {
        var time = new FakeTimeProvider();
        using var limiter = new FixedWindowLimiter(s_threePerMinute, time);

        var first = Enumerable.Range(0, 4).Select(_ => limiter.AttemptAcquire().IsAcquired).ToList();
        time.Advance(TimeSpan.FromSeconds(59));
        var stillRefused = limiter.AttemptAcquire().IsAcquired;
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = limiter.AttemptAcquire().IsAcquired;

        Assert.Equal([true, true, true, false], first);
        Assert.False(stillRefused);
        Assert.True(renewed);
        Assert.Equal(2, limiter.GetStatistics()!.CurrentAvailablePermits);
    }

    [Fact]
    public void Statistics_give_the_limit_what_is_left_and_the_end_of_the_window_started_by_the_first_request()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var limiter = new FixedWindowLimiter(s_threePerMinute, time);

        time.Advance(TimeSpan.FromSeconds(10));
        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromSeconds(20));
        limiter.AttemptAcquire().Dispose();
        var statistics = Assert.IsType<FixedWindowStatistics>(limiter.GetStatistics());

        Assert.Equal("3", statistics.LimitHeader);
        Assert.Equal(1, statistics.CurrentAvailablePermits);
        Assert.Equal("2026-03-01T12:01:10.000Z", statistics.ResetHeader);
        Assert.Equal(2, statistics.TotalSuccessfulLeases);
    }

    [Fact]
    public void A_refusal_says_to_retry_when_the_window_ends()
    {
        var time = new FakeTimeProvider();
        using var limiter = new FixedWindowLimiter(new RateLimitRule { PermitLimit = 1, Window = TimeSpan.FromMinutes(5) }, time);

        limiter.AttemptAcquire().Dispose();
        time.Advance(TimeSpan.FromSeconds(90));
        using var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(210), retryAfter);
        Assert.Equal(1, limiter.GetStatistics()!.TotalFailedLeases);
    }

    [Fact]
    public void Without_an_open_window_all_permits_are_left_and_it_is_idle()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var limiter = new FixedWindowLimiter(s_threePerMinute, time);

        var idleWhenNew = limiter.IdleDuration;
        limiter.AttemptAcquire().Dispose();
        var idleInWindow = limiter.IdleDuration;
        time.Advance(TimeSpan.FromSeconds(75));
        var statistics = Assert.IsType<FixedWindowStatistics>(limiter.GetStatistics());

        Assert.Equal(TimeSpan.Zero, idleWhenNew);
        Assert.Null(idleInWindow);
        Assert.Equal(TimeSpan.FromSeconds(15), limiter.IdleDuration);
        Assert.Equal(3, statistics.CurrentAvailablePermits);
        Assert.Equal("2026-03-01T12:02:15.000Z", statistics.ResetHeader);
    }

    [Fact]
    public void Asking_for_no_permits_tells_whether_any_are_left_without_taking_one()
    {
        var time = new FakeTimeProvider();
        using var limiter = new FixedWindowLimiter(new RateLimitRule { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) }, time);

        var before = limiter.AttemptAcquire(0).IsAcquired;
        var taken = limiter.AttemptAcquire().IsAcquired;
        var after = limiter.AttemptAcquire(0).IsAcquired;

        Assert.Equal([true, true, false], [before, taken, after]);
    }
}
