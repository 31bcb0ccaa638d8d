using Microsoft.AspNetCore.Diagnostics;

namespace Weft.Api.Infrastructure;

/// <summary>Makes every error a JSON body: thrown <see cref="ApiException"/>s, bad requests, unknown routes, and crashes.</summary>
public static class ErrorHandlingExtensions
{
    /// <summary>Adds the error handling; call first in the pipeline.</summary>
    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ToStatusCode,
            ExceptionHandler = WriteExceptionAsync,
            // The handler writes the body itself; no developer page, no details leak.
            SuppressDiagnosticsCallback = static context => context.Exception is ApiException or BadHttpRequestException,
        });
        app.UseStatusCodePages(static context => WriteEmptyStatusAsync(context.HttpContext));
        return app;
    }

    private static int ToStatusCode(Exception exception) => exception switch
    {
        ApiException api => api.StatusCode,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static Task WriteExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, error, description) = exception switch
        {
            ApiException api => (api.StatusCode, api.Error, api.Description),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", (string?)null),
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", bad.Message),
            _ => (StatusCodes.Status500InternalServerError, "Internal server error", null),
        };
        return ApiErrors.WriteAsync(context.Response, status, error, description);
    }

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
