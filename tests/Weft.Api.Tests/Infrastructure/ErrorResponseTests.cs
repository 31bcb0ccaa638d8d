using System.Net;
using System.Text.Json;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Infrastructure;

public sealed class ErrorResponseTests : IClassFixture<ErrorResponseTests.Host>, IDisposable
{
    private readonly HttpClient _client;

    public ErrorResponseTests(Host host) => _client = host.Factory.CreateClient();

    [Fact]
    public async Task Unknown_route_is_a_json_404()
    {
        var response = await _client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Record not found", body.RootElement.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, body.RootElement.GetProperty("error_description").ValueKind);
    }

    [Fact]
    public async Task Unknown_bearer_token_is_a_json_401_even_on_a_public_endpoint()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer not-a-real-token");

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("The access token is invalid", body.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer")]
    [InlineData("bearer    ")]
    public async Task An_empty_bearer_token_is_read_as_no_token_as_Mastodon_does(string authorization)
    {
        using var publicRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/timelines/public");
        publicRequest.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var privateRequest = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/verify_credentials");
        privateRequest.Headers.TryAddWithoutValidation("Authorization", authorization);

        var publicResponse = await _client.SendAsync(publicRequest);
        var privateResponse = await _client.SendAsync(privateRequest);

        Assert.Equal(HttpStatusCode.OK, publicResponse.StatusCode);
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await publicResponse.Content.ReadAsStringAsync()).RootElement.ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, privateResponse.StatusCode);
        using var body = JsonDocument.Parse(await privateResponse.Content.ReadAsStringAsync());
        Assert.Equal("The access token is invalid", body.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Unknown_access_token_query_parameter_is_a_json_401()
    {
        var response = await _client.GetAsync("/health?access_token=nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _client.Dispose();

    public sealed class Host : IDisposable
    {
        public ApiFactory Factory { get; } = ApiFactory.OnSqlite();

        public void Dispose() => Factory.Dispose();
    }
}
