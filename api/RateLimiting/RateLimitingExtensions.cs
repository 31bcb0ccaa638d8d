using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Weft.Api.Infrastructure;

namespace Weft.Api.RateLimiting;

/// <summary>
/// Rate limits (ASP.NET Core's rate limiter: a global per-token/per-address limit and per-endpoint policies for logins
/// and sign-ups) and the request size limit. Every response that passed the limiter carries Mastodon's X-RateLimit-Limit,
/// X-RateLimit-Remaining and X-RateLimit-Reset for the request's bucket; refusals are 429 JSON with them and Retry-After.
/// </summary>
public static class RateLimitingExtensions
{
    private const string LimitHeader = "X-RateLimit-Limit";
    private const string RemainingHeader = "X-RateLimit-Remaining";
    private const string ResetHeader = "X-RateLimit-Reset";

    public static IServiceCollection AddWeftRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GlobalRateLimiter>();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RateLimitOptions>>((kestrel, limits) =>
        {
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
            RequestHeadLimits.ConfigureKestrel(kestrel.Limits);
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, GlobalRateLimiter, TimeProvider>((limiter, limits, global, time) =>
        {
            limiter.GlobalLimiter = global.Limiter;
            limiter.AddPolicy(RateLimitPolicies.Login, context => PerAddress(context, limits.Value.Login, time));
            limiter.AddPolicy(RateLimitPolicies.Registrations, context => PerAddress(context, limits.Value.Registrations, time));
            limiter.OnRejected = (rejected, _) => RejectAsync(rejected, limits.Value, global);
        });
        return services;
    }

    /// <summary>The request size checks and the rate limiter; after the bearer-token middleware, so tokens are known.</summary>
    public static WebApplication UseWeftRateLimits(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<RateLimitOptions>>().Value;
        var maxBody = options.MaxRequestBodyBytes;
        var global = app.Services.GetRequiredService<GlobalRateLimiter>();

        // Kestrel enforces the body limit on the bytes read; a declared length over it is refused before reading
        // anything (and under hosts without Kestrel's limit, such as the test server).
        app.Use((context, next) =>
        {
            if (context.Request.ContentLength > maxBody)
            {
                return ApiErrors.WriteAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "Request body too large", null);
            }

            return RequestHeadLimits.Check(context) is { } refusal
                ? ApiErrors.WriteAsync(context.Response, refusal.Status, refusal.Error, null)
                : next(context);
        });
        if (!options.Enabled)
        {
            return app;
        }

        app.UseRateLimiter();
        app.Use((context, next) =>
        {
            // The request holds its permit by now, so Remaining counts it. One statistics object per request is the
            // cost: PartitionedRateLimiter offers no other way to reach the request's bucket. Limit and Reset come
            // formatted from the bucket; only Remaining is formatted here.
            if (global.StatisticsFor(context) is { } statistics)
            {
                var headers = context.Response.Headers;
                headers[LimitHeader] = statistics.LimitHeader;
                headers[RemainingHeader] = statistics.CurrentAvailablePermits.ToString(CultureInfo.InvariantCulture);
                headers[ResetHeader] = statistics.ResetHeader;
            }

            return next(context);
        });
        return app;
    }

    // Only logins and sign-ups come here, so a closure per request does not matter.
    private static RateLimitPartition<string> PerAddress(HttpContext context, RateLimitRule rule, TimeProvider time) =>
        RateLimitPartition.Get(GlobalRateLimiter.Address(context), _ => new FixedWindowLimiter(rule, time));

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RateLimitOptions limits, GlobalRateLimiter global)
    {
        var context = rejected.HttpContext;
        var statistics = global.StatisticsFor(context);
        var limit = statistics is null or { CurrentAvailablePermits: > 0 }
            ? PolicyLimit(context, limits).ToString(CultureInfo.InvariantCulture)
            : statistics.LimitHeader;
        var headers = context.Response.Headers;
        headers[LimitHeader] = limit;
        headers[RemainingHeader] = "0";
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            headers[ResetHeader] = FixedWindowLimiter.FormatReset(DateTimeOffset.UtcNow.Add(retryAfter));
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
