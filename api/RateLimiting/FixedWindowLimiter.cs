using System.Globalization;
using System.Threading.RateLimiting;

namespace Weft.Api.RateLimiting;

/// <summary>
/// At most <see cref="RateLimitRule.PermitLimit"/> requests per window, the window starting with the first request
/// after the previous one ended; no queue. It does what the framework's FixedWindowRateLimiter does, but knows when its
/// window ends: that one does not say (its statistics have no reset time, and inside a partitioned limiter its windows
/// are renewed by a shared timer up to 100 ms late), so X-RateLimit-Reset could only be guessed. Windows are renewed
/// lazily on the next request, so no timer is needed.
/// </summary>
public sealed class FixedWindowLimiter : RateLimiter
{
    private static readonly RateLimitLease s_granted = new Lease(true, null);

    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();

    // The header values are formatted once: the limit once per limiter, the reset time once per window.
    private readonly string _limitHeader;
    private long _windowStart;
    private bool _windowOpened;
    private int _used;
    private string _resetHeader = "";
    private long _granted;
    private long _refused;

    /// <summary>A limiter whose first window starts with its first request.</summary>
    public FixedWindowLimiter(RateLimitRule rule, TimeProvider timeProvider)
    {
        _permitLimit = Math.Max(1, rule.PermitLimit);
        _window = rule.Window > TimeSpan.Zero ? rule.Window : TimeSpan.FromMinutes(1);
        _timeProvider = timeProvider;
        _limitHeader = _permitLimit.ToString(CultureInfo.InvariantCulture);

        // Until its first request the limiter counts as idle since it was made, not as long idle: a partitioned limiter
        // must not drop it between making it and acquiring from it.
        _windowStart = timeProvider.GetTimestamp();
    }

    /// <summary>
    /// How long the limiter has had nothing to remember (its window ended), so a partitioned limiter may drop it; null
    /// while a window is open.
    /// </summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var sinceStart = _timeProvider.GetElapsedTime(_windowStart);
                return !_windowOpened ? sinceStart
                    : sinceStart >= _window ? sinceStart - _window
                    : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            var open = IsWindowOpen(out _);
            return new FixedWindowStatistics
            {
                CurrentAvailablePermits = open ? _permitLimit - _used : _permitLimit,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _granted,
                TotalFailedLeases = _refused,
                LimitHeader = _limitHeader,
                // With no window open, a window started now would end one window from now.
                ResetHeader = open ? _resetHeader : FormatReset(_timeProvider.GetUtcNow() + _window),
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_lock)
        {
            if (!IsWindowOpen(out var sinceStart))
            {
                _windowStart = _timeProvider.GetTimestamp();
                _windowOpened = true;
                _used = 0;
                _resetHeader = FormatReset(_timeProvider.GetUtcNow() + _window);
                sinceStart = TimeSpan.Zero;
            }

            // Asking for no permits asks whether any are left (the RateLimiter contract).
            if (permitCount == 0 && _used < _permitLimit)
            {
                return s_granted;
            }

            if (permitCount > 0 && _used + permitCount <= _permitLimit)
            {
                _used += permitCount;
                _granted++;
                return s_granted;
            }

            _refused++;
            return new Lease(false, _window - sinceStart);
        }
    }

    // Without a queue, waiting would not change the answer.
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    /// <summary>Formats a moment as Mastodon's X-RateLimit-Reset does (ISO 8601, UTC).</summary>
    public static string FormatReset(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private bool IsWindowOpen(out TimeSpan sinceStart)
    {
        sinceStart = _timeProvider.GetElapsedTime(_windowStart);
        return _windowOpened && sinceStart < _window;
    }

    private sealed class Lease(bool isAcquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => isAcquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
