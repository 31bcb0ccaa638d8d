using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Weft.Persistence;

namespace Weft.Api.Infrastructure;

/// <summary>Makes every error a JSON body: thrown <see cref="ApiException"/>s, bad requests, unknown routes, and crashes.</summary>
public static partial class ErrorHandlingExtensions
{
    /// <summary>Adds the error handling; call first in the pipeline.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ToStatusCode,
            ExceptionHandler = WriteExceptionAsync,
            // The handler writes the body itself; no developer page, no details leak. An unavailable database is logged
            // by the handler in one line per request, not as an unhandled exception with its stack (thousands of lines a
            // minute during an outage, burying what else happened).
            SuppressDiagnosticsCallback = static context =>
                context.Exception is ApiException or BadHttpRequestException || IsUnavailable(context.Exception),
        });
        app.UseStatusCodePages(static context => WriteEmptyStatusAsync(context.HttpContext));
        return app;
    }

    private static int ToStatusCode(Exception exception) => exception switch
    {
        ApiException api => api.StatusCode,
        BadHttpRequestException bad => bad.StatusCode,
        _ when IsUnavailable(exception) => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    // The database or the silo could not serve the request just now (a connection refused or out of the pool, a grain
    // call that timed out, storage that failed): repeating may succeed, which 503 with Retry-After tells the client.
    // What the failed request changed follows the grains' own rules (a follow either committed or not, side effects
    // retried or logged).
    private static bool IsUnavailable(Exception exception) =>
        exception is DbException or GrainStorageException or TimeoutException
        || (exception.InnerException is { } inner && IsUnavailable(inner));

    private static Task WriteExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, error, description) = exception switch
        {
            ApiException api => (api.StatusCode, api.Error, api.Description),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", (string?)null),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            { } e when IsUnavailable(e) => (StatusCodes.Status503ServiceUnavailable, "Service temporarily unavailable", "Try again in a moment."),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", null),
        };
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorHandlingExtensions).FullName!);
            LogUnavailable(logger, context.Request.Method, context.Request.Path, exception!.GetType().Name, exception.Message);
        }

        return ApiErrors.WriteAsync(context.Response, status, error, description);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: {Exception}: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string method, string path, string exception, string reason);

    // Responses that ended without a body (unknown route, wrong method, rejected by a filter) still get a JSON error.
    private static Task WriteEmptyStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (status == StatusCodes.Status401Unauthorized)
        {
            return ApiErrors.WriteUnauthorizedAsync(context.Response);
        }

        var error = status switch
        {
            StatusCodes.Status403Forbidden => "This action is not allowed",
            StatusCodes.Status404NotFound => "Record not found",
            StatusCodes.Status405MethodNotAllowed => "Method not allowed",
            StatusCodes.Status413PayloadTooLarge => "Request body too large",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            StatusCodes.Status429TooManyRequests => "Too many requests",
            _ => "Request failed",
        };
        return ApiErrors.WriteAsync(context.Response, status, error, null);
    }
}
