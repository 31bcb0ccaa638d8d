using Weft.Testing.Time;
using Xunit;

namespace Weft.Persistence.Tests.Support;

/// <summary>The shared test clock (tests/Weft.Testing) has no test project of its own; its tests live here.</summary>
public sealed class FakeTimeProviderTests
{
    [Fact]
    public void Time_moves_only_when_advanced()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 5, 6, 7, 8, 9, TimeSpan.Zero));
        var start = time.GetTimestamp();

        time.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(new DateTimeOffset(2030, 5, 6, 7, 11, 9, TimeSpan.Zero), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(3), time.GetElapsedTime(start));
    }

    [Fact]
    public void A_one_shot_timer_fires_once_when_time_passes_its_due_time()
    {
        var time = new FakeTimeProvider();
        var fired = new List<DateTimeOffset>();
        using var timer = time.CreateTimer(_ => fired.Add(time.GetUtcNow()), null, TimeSpan.FromSeconds(10), Timeout.InfiniteTimeSpan);
        var start = time.GetUtcNow();

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Empty(fired);
        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal([start.AddSeconds(10)], fired);
    }

    [Fact]
    public void A_periodic_timer_fires_at_each_period_within_one_advance_in_due_order()
    {
        var time = new FakeTimeProvider();
        var fired = new List<string>();
        using var everyTwo = time.CreateTimer(_ => fired.Add($"2s@{time.GetElapsedTime(0).TotalSeconds}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var atThree = time.CreateTimer(_ => fired.Add($"3s@{time.GetElapsedTime(0).TotalSeconds}"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(["2s@2", "3s@3", "2s@4", "2s@6"], fired);
    }

    [Fact]
    public void Disposed_and_infinite_timers_never_fire_and_changed_timers_use_the_new_due_time()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        var disposed = time.CreateTimer(_ => fired += 100, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var never = time.CreateTimer(_ => fired += 10, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        using var changed = time.CreateTimer(_ => fired += 1, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        changed.Change(TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, fired);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, fired);
    }

    [Fact]
    public void A_callback_may_create_timers_and_read_the_time_without_deadlock()
    {
        var time = new FakeTimeProvider();
        var fired = new List<double>();
        ITimer? inner = null;
        using var outer = time.CreateTimer(_ =>
        {
            fired.Add(time.GetElapsedTime(0).TotalSeconds);
            inner = time.CreateTimer(_ => fired.Add(time.GetElapsedTime(0).TotalSeconds), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        }, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(3));
        inner?.Dispose();

        Assert.Equal([1d, 2d], fired);
    }

    [Fact]
    public void Setting_UtcNow_moves_forward_and_refuses_to_move_back()
    {
        var time = new FakeTimeProvider();
        var fired = 0;
        using var timer = time.CreateTimer(_ => fired++, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        time.UtcNow = time.UtcNow.AddHours(2);

        Assert.Equal(1, fired);
        Assert.Throws<ArgumentOutOfRangeException>(() => time.UtcNow = time.UtcNow.AddSeconds(-1));
    }
}
