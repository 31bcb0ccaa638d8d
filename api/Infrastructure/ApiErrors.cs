using System.Text.Json;

namespace Weft.Api.Infrastructure;

/// <summary>Mastodon-style JSON error responses: <c>{"error": "...", "error_description": ...}</c>.</summary>
public static class ApiErrors
{
    /// <summary>An error response with the given status.</summary>
    public static IResult Result(int statusCode, string error, string? description = null) => new ErrorResult(statusCode, error, description);

    /// <summary>404 "Record not found" — also for records the caller may not see, so they do not leak.</summary>
    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, "Record not found");

    /// <summary>401 for a missing, unknown or revoked token.</summary>
    public static IResult Unauthorized() => Result(StatusCodes.Status401Unauthorized, "The access token is invalid");

    /// <summary>403 with a reason.</summary>
    public static IResult Forbidden(string error) => Result(StatusCodes.Status403Forbidden, error);

    /// <summary>422 with a reason (Mastodon's validation failures).</summary>
    public static IResult Unprocessable(string error) => Result(StatusCodes.Status422UnprocessableEntity, error);

    /// <summary>400 with a reason.</summary>
    public static IResult BadRequest(string error) => Result(StatusCodes.Status400BadRequest, error);

    /// <summary>Writes an error body to a response that has not started.</summary>
    public static async Task WriteAsync(HttpResponse response, int statusCode, string error, string? description)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(response.Body);
        writer.WriteStartObject();
        writer.WriteString("error", error);
        writer.WriteString("error_description", description);
        writer.WriteEndObject();
    }

    private sealed class ErrorResult(int statusCode, string error, string? description) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext.Response, statusCode, error, description);
    }
}
