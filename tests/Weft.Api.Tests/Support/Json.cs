using System.Net;
using System.Text.Json;

namespace Weft.Api.Tests.Support;

/// <summary>Reads JSON responses in tests.</summary>
public static class Json
{
    /// <summary>Asserts the status code and a JSON content type, and returns the parsed body.</summary>
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The ids of an array of entities, in order.</summary>
    public static List<string> Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];

    /// <summary>A string property.</summary>
    public static string Str(this JsonElement element, string name) => element.GetProperty(name).GetString()!;
}
