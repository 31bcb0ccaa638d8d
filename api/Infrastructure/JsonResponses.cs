using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Weft.Api.Infrastructure;

/// <summary>JSON responses written with source-generated metadata: no reflection on the response path.</summary>
public static class JsonResponses
{
    /// <summary>An <c>application/json</c> response with <paramref name="value"/>.</summary>
    public static IResult Write<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode = StatusCodes.Status200OK) =>
        new JsonResult<T>(value, typeInfo, statusCode);

    private sealed class JsonResult<T>(T value, JsonTypeInfo<T> typeInfo, int statusCode) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => statusCode;

        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = statusCode;
            response.ContentType = "application/json; charset=utf-8";
            await using var writer = new Utf8JsonWriter(response.BodyWriter);
            JsonSerializer.Serialize(writer, value, typeInfo);
            await writer.FlushAsync(httpContext.RequestAborted);
        }
    }
}
