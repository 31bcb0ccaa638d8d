using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Weft.Api.Auth;

namespace Weft.Api.RateLimiting;

/// <summary>
/// The limit every request counts against: per access token when the request carries one (so a busy user behind a
/// shared address is not throttled by others), else per client address. Runs after the bearer-token middleware, so
/// only valid tokens get a bucket of their own.
/// </summary>
public sealed class GlobalRateLimiter : IDisposable
{
    // Made once, so choosing a partition on every request allocates no closure.
    private readonly Func<RateLimitKey, RateLimiter> _perToken;
    private readonly Func<RateLimitKey, RateLimiter> _perAddress;

    public GlobalRateLimiter(IOptions<RateLimitOptions> options, TimeProvider timeProvider)
    {
        var limits = options.Value;
        _perToken = _ => new FixedWindowLimiter(limits.PerToken, timeProvider);
        _perAddress = _ => new FixedWindowLimiter(limits.PerAddress, timeProvider);
        Limiter = PartitionedRateLimiter.Create<HttpContext, RateLimitKey>(Partition);
    }

    /// <summary>The limiter handed to ASP.NET Core's rate-limiting middleware as its global limiter.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The state of the bucket <paramref name="context"/> counts against, with its header values.</summary>
    public FixedWindowStatistics? StatisticsFor(HttpContext context) => Limiter.GetStatistics(context) as FixedWindowStatistics;

    /// <summary>The client's address as the partition key of per-address limits.</summary>
    public static string Address(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => Limiter.Dispose();

    private RateLimitPartition<RateLimitKey> Partition(HttpContext context) =>
        context.GetAuthenticatedToken() is { } token
            ? RateLimitPartition.Get(new RateLimitKey(token.Token, null), _perToken)
            : RateLimitPartition.Get(new RateLimitKey(null, context.Connection.RemoteIpAddress), _perAddress);
}
