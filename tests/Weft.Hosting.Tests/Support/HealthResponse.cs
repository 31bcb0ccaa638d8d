using System.Net;
using System.Text.Json;

namespace Weft.Hosting.Tests.Support;

/// <summary>GET /health, checked for status 200 and a JSON body; returns the body's <c>checks</c>.</summary>
internal static class HealthResponse
{
    public static async Task<long> GetChecksAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /health answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        using var json = JsonDocument.Parse(body);
        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        return json.RootElement.GetProperty("checks").GetInt64();
    }
}
