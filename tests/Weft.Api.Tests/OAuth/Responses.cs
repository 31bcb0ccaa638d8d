using System.Net;
using System.Text.Json;

namespace Weft.Api.Tests.OAuth;

/// <summary>Reads API answers in tests, checking status and content type first.</summary>
public static class Responses
{
    /// <summary>Asserts the status and application/json, and returns the parsed body.</summary>
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts an OAuth error (RFC 6749 §5.2): status, <c>error</c> code and a description.</summary>
    public static async Task OAuthErrorAsync(HttpResponseMessage response, HttpStatusCode expected, string error)
    {
        var body = await JsonAsync(response, expected);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
    }

    /// <summary>A form body.</summary>
    public static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(field => KeyValuePair.Create(field.Name, field.Value)));
}
