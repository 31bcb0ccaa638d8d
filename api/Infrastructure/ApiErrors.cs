using System.Text.Json;

namespace Weft.Api.Infrastructure;

/// <summary>Mastodon-style JSON error responses: <c>{"error": "...", "error_description": ...}</c>.</summary>
public static class ApiErrors
{
    /// <summary>The body of every 401 for a missing, unknown or revoked token (Mastodon's words).</summary>
    public const string InvalidTokenError = "The access token is invalid";

    /// <summary>The body of a 403 for a token that lacks the endpoint's scope (Mastodon's words).</summary>
    public const string InsufficientScopeError = "This action is outside the authorized scopes";

    /// <summary>
    /// RFC 6750 §3's challenge on a 401 for a bearer token, worded as Mastodon's Doorkeeper words it (with Weft's realm),
    /// so clients that read the header rather than the body learn to ask for a new token.
    /// </summary>
    public const string InvalidTokenChallenge =
        "Bearer realm=\"Weft\", error=\"invalid_token\", error_description=\"" + InvalidTokenError + "\"";

    private static readonly IResult s_unauthorized = new ErrorResult(StatusCodes.Status401Unauthorized, InvalidTokenError, null, InvalidTokenChallenge);

    /// <summary>An error response with the given status.</summary>
    public static IResult Result(int statusCode, string error, string? description = null) => new ErrorResult(statusCode, error, description, null);

    /// <summary>404 "Record not found" — also for records the caller may not see, so they do not leak.</summary>
    public static IResult NotFound() => Result(StatusCodes.Status404NotFound, "Record not found");

    /// <summary>401 for a missing, unknown or revoked token, with its <c>WWW-Authenticate</c> challenge.</summary>
    public static IResult Unauthorized() => s_unauthorized;

    /// <summary>
    /// 403 for a token without <paramref name="scope"/>, with RFC 6750's <c>insufficient_scope</c> challenge naming the
    /// scope needed. The result does not depend on the request: endpoint filters create it once.
    /// </summary>
    public static IResult InsufficientScope(string scope) =>
        new ErrorResult(StatusCodes.Status403Forbidden, InsufficientScopeError, null, InsufficientScopeChallenge(scope));

    /// <summary>The challenge of <see cref="InsufficientScope"/>.</summary>
    public static string InsufficientScopeChallenge(string scope) =>
        "Bearer realm=\"Weft\", error=\"insufficient_scope\", "
        + "error_description=\"The request requires higher privileges than provided by the access token.\", scope=\"" + scope + "\"";

    /// <summary>403 with a reason.</summary>
    public static IResult Forbidden(string error) => Result(StatusCodes.Status403Forbidden, error);

    /// <summary>422 with a reason (Mastodon's validation failures).</summary>
    public static IResult Unprocessable(string error) => Result(StatusCodes.Status422UnprocessableEntity, error);

    /// <summary>400 with a reason.</summary>
    public static IResult BadRequest(string error) => Result(StatusCodes.Status400BadRequest, error);

    /// <summary>Writes <see cref="Unauthorized"/> to a response that has not started (for middleware).</summary>
    public static Task WriteUnauthorizedAsync(HttpResponse response)
    {
        response.Headers.WWWAuthenticate = InvalidTokenChallenge;
        return WriteAsync(response, StatusCodes.Status401Unauthorized, InvalidTokenError, null);
    }

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

    private sealed class ErrorResult(int statusCode, string error, string? description, string? challenge) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            if (challenge is not null)
            {
                httpContext.Response.Headers.WWWAuthenticate = challenge;
            }

            return WriteAsync(httpContext.Response, statusCode, error, description);
        }
    }
}
