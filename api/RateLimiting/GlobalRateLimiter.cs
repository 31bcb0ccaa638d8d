using System.Globalization;
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
    private readonly RateLimitOptions _options;

    public GlobalRateLimiter(IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        Limiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var key = Partition(context, out var rule);
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => FixedWindow(rule));
        });
    }

    /// <summary>The limiter handed to ASP.NET Core's rate-limiting middleware as its global limiter.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The permit limit of the bucket <paramref name="context"/> counts against.</summary>
    public int LimitFor(HttpContext context)
    {
        Partition(context, out var rule);
        return rule.PermitLimit;
    }

    /// <summary>A fixed window without a queue: a request over the limit is refused at once.</summary>
    public static FixedWindowRateLimiterOptions FixedWindow(RateLimitRule rule) => new()
    {
        PermitLimit = Math.Max(1, rule.PermitLimit),
        Window = rule.Window > TimeSpan.Zero ? rule.Window : TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>The client's address as the partition key of per-address limits.</summary>
    public static string Address(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void Dispose() => Limiter.Dispose();

    private string Partition(HttpContext context, out RateLimitRule rule)
    {
        if (context.GetAuthenticatedToken() is { } token)
        {
            rule = _options.PerToken;
            return "token:" + token.Token;
        }

        rule = _options.PerAddress;
        return "address:" + Address(context);
    }

    /// <summary>Formats a moment as Mastodon's X-RateLimit-Reset does (ISO 8601, UTC).</summary>
    public static string FormatReset(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
