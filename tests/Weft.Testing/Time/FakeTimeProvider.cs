namespace Weft.Testing.Time;

/// <summary>
/// A <see cref="TimeProvider"/> that only moves when a test moves it, for timers, idle collection and timeouts without
/// sleeping. <see cref="Advance"/> runs every timer that comes due, in due order, synchronously on the calling thread
/// and outside the provider's lock (so callbacks may create, change or dispose timers and read the time).
/// </summary>
public sealed class FakeTimeProvider : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly Lock _advanceGate = new();
    private readonly List<FakeTimer> _timers = [];
    private DateTimeOffset _utcNow;
    private long _timestamp;
    private long _sequence;

    /// <summary>Starts at 2026-01-01T00:00:00Z.</summary>
    public FakeTimeProvider()
        : this(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>Starts at <paramref name="start"/>.</summary>
    public FakeTimeProvider(DateTimeOffset start) => _utcNow = start.ToUniversalTime();

    /// <summary>The current time. Setting it moves time forward (firing due timers); it can never go back.</summary>
    public DateTimeOffset UtcNow
    {
        get => GetUtcNow();
        set
        {
            var delta = value - GetUtcNow();
            if (delta < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A FakeTimeProvider cannot move back in time.");
            }

            Advance(delta);
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _utcNow;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _timestamp;
        }
    }

    /// <summary>
    /// Creates a timer that fires when <see cref="Advance"/> moves time past its due time. A due time of zero fires at
    /// once, as a real timer would; <see cref="Timeout.InfiniteTimeSpan"/> never fires.
    /// </summary>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new FakeTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves time forward by <paramref name="delta"/>, running each timer that comes due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        lock (_advanceGate)
        {
            long target;
            lock (_gate)
            {
                target = _timestamp + delta.Ticks;
            }

            RunDue(target);
        }
    }

    /// <summary>Fires due timers one at a time until none is due by <paramref name="target"/>, then sets the clock to it.</summary>
    private void RunDue(long target)
    {
        while (true)
        {
            TimerCallback callback;
            object? state;
            lock (_gate)
            {
                FakeTimer? next = null;
                foreach (var timer in _timers)
                {
                    if (timer.Due is { } due && due <= target &&
                        (next is null || due < next.Due!.Value || (due == next.Due && timer.Sequence < next.Sequence)))
                    {
                        next = timer;
                    }
                }

                if (next is null)
                {
                    Move(target);
                    return;
                }

                Move(Math.Max(next.Due!.Value, _timestamp));
                next.Due = next.Period > 0 ? next.Due + next.Period : null;
                next.Sequence = ++_sequence;
                callback = next.Callback;
                state = next.State;
            }

            callback(state);
        }
    }

    private void Move(long timestamp)
    {
        _utcNow += TimeSpan.FromTicks(timestamp - _timestamp);
        _timestamp = timestamp;
    }

    private void Change(FakeTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        long now;
        lock (_gate)
        {
            now = _timestamp;
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime.Ticks;
            timer.Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            timer.Sequence = ++_sequence;
        }

        if (dueTime == TimeSpan.Zero)
        {
            lock (_advanceGate)
            {
                RunDue(GetTimestamp());
            }
        }
    }

    private void Remove(FakeTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        public TimerCallback Callback { get; } = callback;

        public object? State { get; } = state;

        /// <summary>The timestamp it fires at next; null when stopped. Guarded by the owner's lock.</summary>
        public long? Due { get; set; }

        public long Period { get; set; }

        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(dueTime, Timeout.InfiniteTimeSpan);
            ArgumentOutOfRangeException.ThrowIfLessThan(period, Timeout.InfiniteTimeSpan);
            owner.Change(this, dueTime, period);
            return true;
        }

        public void Dispose() => owner.Remove(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
