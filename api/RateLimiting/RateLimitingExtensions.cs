using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Weft.Api.Infrastructure;

namespace Weft.Api.RateLimiting;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter: a global per-token/per-address limit and per-endpoint policies for logins
/// and sign-ups) and the request size limit. Refusals are 429 JSON with X-RateLimit-* and Retry-After headers.
/// </summary>
public static class RateLimitingExtensions
{
    public static IServiceCollection AddWeftRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddSingleton<GlobalRateLimiter>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RateLimitOptions>>(
            (kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, GlobalRateLimiter>((limiter, limits, global) =>
        {
            limiter.GlobalLimiter = global.Limiter;
            limiter.AddPolicy(RateLimitPolicies.Login, context => PerAddress(context, limits.Value.Login));
            limiter.AddPolicy(RateLimitPolicies.Registrations, context => PerAddress(context, limits.Value.Registrations));
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, limits.Value, global);
        });
        return services;
    }

    /// <summary>The request size check and the rate limiter; after the bearer-token middleware, so tokens are known.</summary>
    public static WebApplication UseWeftRateLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var maxBody = options.MaxRequestBodyBytes;
        var global = app.Services.GetRequiredService<GlobalRateLimiter>();

        // Kestrel enforces the limit on the bytes read; a declared length over it is refused before reading anything
        // (and under hosts without Kestrel's limit, such as the test server).
        app.Use((context, next) => context.Request.ContentLength > maxBody
            ? ApiErrors.WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "Request body too large", null)
            : next(context));
        if (!options.Enabled)
        {
            return app;
        }

        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            if (global.Limiter.GetStatistics(context) is { } statistics)
            {
                context.Response.Headers["X-RateLimit-Limit"] = global.LimitFor(context).ToString(CultureInfo.InvariantCulture);
                context.Response.Headers["X-RateLimit-Remaining"] = statistics.CurrentAvailablePermits.ToString(CultureInfo.InvariantCulture);
            }

            return next(context);
        });
        return app;
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitRule rule) =>
        RateLimitPartition.GetFixedWindowLimiter(GlobalRateLimiter.Address(context), _ => GlobalRateLimiter.FixedWindow(rule));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitOptions limits, GlobalRateLimiter global)
    {
        var context = rejected.HttpContext;
        var limit = global.Limiter.GetStatistics(context) is { CurrentAvailablePermits: > 0 }
            ? PolicyLimit(context, limits)
            : global.LimitFor(context);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = "0";
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = GlobalRateLimiter.FormatReset(DateTimeOffset.UtcNow.AddSeconds(seconds));
        }

        await ApiErrors.WriteAsync(context.Response, StatusCodes.Status429TooManyRequests, "Too many requests", null);
    }

    // The endpoint's own policy refused the request (the global bucket still had room).
    private static int PolicyLimit(HttpContext context, RateLimitOptions limits) =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName switch
        {
            RateLimitPolicies.Login => limits.Login.PermitLimit,
            RateLimitPolicies.Registrations => limits.Registrations.PermitLimit,
            _ => limits.PerAddress.PermitLimit,
        };
}
