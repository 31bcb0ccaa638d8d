using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Weft.Api.RateLimiting;

/// <summary>
/// Limits on the request line and the headers, answered with Mastodon's JSON errors. Kestrel refuses oversized ones
/// itself with an empty body, so its own limits sit well above these (a last line of defence) and the application
/// enforces the usual ones: 8 KB for the request target (nginx's default buffer in front of Mastodon), Kestrel's
/// default 32 KB for the headers and its default 100 header fields.
/// </summary>
internal static class RequestHeadLimits
{
    public const int MaxTargetBytes = 8 * 1024;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's own limits: past these it answers without a body.</summary>
    public static void ConfigureKestrel(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = 8 * MaxTargetBytes;
        limits.MaxRequestHeadersTotalSize = 2 * MaxHeaderBytes;
        limits.MaxRequestHeaderCount = 10 * MaxHeaderCount;
    }

    /// <summary>The status and error for a request line or headers over the limits, or null.</summary>
    public static (int Status, string Error)? Check(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is not null && target.Length > MaxTargetBytes)
        {
            return (StatusCodes.Status414UriTooLong, "Request URI too long");
        }

        // Counted as HTTP/1.1 sends them ("name: value\r\n"); characters, which is bytes for the ASCII headers are.
        var size = 0;
        var fields = 0;
        foreach (var header in context.Request.Headers)
        {
            size += header.Key.Length + 4;
            fields += Math.Max(1, header.Value.Count); // a repeated field is one entry with several values
            foreach (var value in header.Value)
            {
                size += value?.Length ?? 0;
            }
        }

        return size > MaxHeaderBytes || fields > MaxHeaderCount
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request header fields too large")
            : null;
    }
}
