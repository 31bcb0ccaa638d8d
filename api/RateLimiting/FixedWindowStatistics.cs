using System.Threading.RateLimiting;

namespace Weft.Api.RateLimiting;

/// <summary>
/// A <see cref="FixedWindowLimiter"/>'s statistics with the X-RateLimit-Limit and X-RateLimit-Reset values, already
/// formatted, for the headers of every response.
/// </summary>
public sealed class FixedWindowStatistics : RateLimiterStatistics
{
    /// <summary>The permit limit, as the X-RateLimit-Limit value.</summary>
    public required string LimitHeader { get; init; }

    /// <summary>When the current window ends (ISO 8601, UTC), as the X-RateLimit-Reset value.</summary>
    public required string ResetHeader { get; init; }
}
