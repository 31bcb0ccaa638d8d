using System.Text.Json.Serialization.Metadata;

namespace Weft.Api.Mastodon;

/// <summary>
/// Mastodon JSON responses, serialized with the source-generated context straight into the response's pipe, with
/// HTML-significant characters left unescaped as Mastodon sends them.
/// </summary>
public static class MastodonResponses
{
    /// <summary>An <c>application/json</c> response with <paramref name="value"/>.</summary>
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        new JsonResult<T>(value, typeInfo, statusCode);

    /// <summary><c>{}</c>, Mastodon's answer to actions with nothing to return.</summary>
    public static IResult EmptyObject() => EmptyObjectResult.Instance;

    private sealed class JsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            MastodonJson.Serialize(response.BodyWriter, value, typeInfo);

            var flush = response.BodyWriter.FlushAsync(httpContext.RequestAborted);
            return flush.IsCompletedSuccessfully ? Task.CompletedTask : flush.AsTask();
        }
    }

    private sealed class EmptyObjectResult : IResult, IStatusCodeHttpResult
    {
        public static EmptyObjectResult Instance { get; } = new();

        public int? StatusCode => StatusCodes.Status200OK;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            return httpContext.Response.WriteAsync("{}");
        }
    }
}
