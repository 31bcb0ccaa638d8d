using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Weft.Api.Tests.OAuth;
using Weft.Api.Tests.Support;
using static Weft.Api.Tests.OAuth.Responses;

namespace Weft.Api.Tests.Security;

/// <summary>Hostile or broken input to the auth endpoints is a 4xx JSON answer, never a 500, and changes nothing.</summary>
public sealed class MalformedInputTests(SqliteApiHost host) : IClassFixture<SqliteApiHost>, IAsyncLifetime
{
    private readonly HttpClient _client = host.Factory.CreateClient();
    private TestApp _app = null!;
    private string _appToken = null!;

    public async Task InitializeAsync()
    {
        _app = await TestAccounts.CreateAppAsync(_client);
        _appToken = await TestAccounts.ClientCredentialsTokenAsync(_client, _app);
        await TestAccounts.RegisterAsync(_client, "existing_user");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, string> JsonBodies => new()
    {
        { "/api/v1/accounts", "{\"username\": " },
        { "/api/v1/accounts", "[1, 2, 3]" },
        { "/api/v1/accounts", "\"just a string\"" },
        { "/api/v1/accounts", "{\"username\": {\"nested\": true}, \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": [\"a\"], \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": \"ok_name\", \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": \"maybe\"}" },
        { "/api/v1/accounts", "{\"username\": \"nul\\u0000name\", \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": \"\\ud800\", \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": \"ok_name\", \"email\": \"\\ud800@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": \"Robert'); DROP TABLE grain_state;--\", \"email\": \"a@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/accounts", "{\"username\": \"existing_user' OR '1'='1\", \"email\": \"x' OR 1=1 --@b.test\", \"password\": \"12345678\", \"agreement\": true}" },
        { "/api/v1/apps", "{\"client_name\": 5, \"redirect_uris\": {\"a\": 1}}" },
        { "/api/v1/apps", "{\"client_name\": \"\\ud800\", \"redirect_uris\": \"\\ud800\"}" },
        { "/api/v1/apps", "{" },
        { "/oauth/token", "{\"grant_type\": \"password\", \"client_id\": \"\\ud800\", \"client_secret\": \"x\"}" },
        { "/oauth/token", "{\"grant_type\": [\"password\"]}" },
        { "/oauth/token", "{\"grant_type\": \"authorization_code\", \"client_id\": \"" + new string('a', 5000) + "\", \"client_secret\": \"x\"}" },
        { "/oauth/revoke", "{\"client_id\": null, \"token\": 12}" },
    };

    [Theory]
    [MemberData(nameof(JsonBodies))]
    public async Task Malformed_json_is_a_4xx_json_error(string path, string json)
    {
        var response = await PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertClientErrorAsync(response);
    }

    [Theory]
    [InlineData("/api/v1/accounts")]
    [InlineData("/api/v1/apps")]
    [InlineData("/oauth/token")]
    public async Task Invalid_utf8_is_a_4xx_json_error(string path)
    {
        byte[] json = [.. "{\"username\": \""u8, 0xFF, 0xFE, .. "\"}"u8];
        var jsonResponse = await PostAsync(path, new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        byte[] form = [.. "username="u8, 0xC3, 0x28, .. "&grant_type=password&client_id=a&client_secret=b"u8];
        var formResponse = await PostAsync(path, new ByteArrayContent(form) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } });

        await AssertClientErrorAsync(jsonResponse);
        await AssertClientErrorAsync(formResponse);
    }

    [Theory]
    [InlineData("/api/v1/accounts")]
    [InlineData("/api/v1/apps")]
    [InlineData("/oauth/token")]
    [InlineData("/oauth/revoke")]
    public async Task Malformed_multipart_is_a_4xx_json_error(string path)
    {
        static HttpContent Multipart(string body) =>
            new StringContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XX") } };

        var garbage = await PostAsync(path, Multipart("garbage"));
        var truncated = await PostAsync(path, Multipart("--XX\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nhello"));

        await AssertClientErrorAsync(garbage);
        await AssertClientErrorAsync(truncated);
    }

    [Fact]
    public async Task A_multipart_post_without_its_closing_boundary_says_so_and_stores_nothing()
    {
        var token = await TestAccounts.RegisterAsync(_client, "mp" + Guid.NewGuid().ToString("N")[..10]);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/statuses")
        {
            Content = new StringContent("--XX\r\nContent-Disposition: form-data; name=\"status\"\r\n\r\nhello")
            {
                Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XX") },
            },
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/accounts/verify_credentials")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };

        var error = await JsonAsync(await _client.SendAsync(post), HttpStatusCode.BadRequest);
        var account = await JsonAsync(await _client.SendAsync(me), HttpStatusCode.OK);

        Assert.Equal("Malformed form body", error.GetProperty("error").GetString());
        Assert.Equal("The multipart body ends before its closing boundary.", error.GetProperty("error_description").GetString());
        Assert.Equal(0, account.GetProperty("statuses_count").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/accounts")]
    [InlineData("/api/v1/apps")]
    [InlineData("/oauth/token")]
    public async Task Percent_escapes_of_invalid_utf8_in_a_form_are_a_4xx_json_error(string path)
    {
        var response = await PostAsync(path, new StringContent(
            "username=bad+%FF%FE&client_name=bad%C3%28&grant_type=password&client_id=a&client_secret=b",
            Encoding.ASCII, "application/x-www-form-urlencoded"));

        await AssertClientErrorAsync(response);
    }

    [Fact]
    public async Task Multipart_values_are_utf8_as_sent_whatever_byte_order_mark_they_start_with()
    {
        static HttpContent Multipart(byte[] clientName)
        {
            byte[] body =
            [
                .. "--XX\r\nContent-Disposition: form-data; name=\"client_name\"\r\n\r\n"u8, .. clientName,
                .. "\r\n--XX\r\nContent-Disposition: form-data; name=\"redirect_uris\"\r\n\r\nurn:ietf:wg:oauth:2.0:oob\r\n--XX--\r\n"u8,
            ];
            return new ByteArrayContent(body) { Headers = { ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XX") } };
        }

        // FF FE would otherwise be read as a UTF-16 byte-order mark, and "h\0i\0" as "hi".
        var utf16 = await PostAsync("/api/v1/apps", Multipart([0xFF, 0xFE, .. "h\0i\0"u8]));
        var utf8 = await PostAsync("/api/v1/apps", Multipart([.. "caf\u00e9"u8]));

        var error = await JsonAsync(utf16, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Validation failed: client_name is not valid UTF-8", error.GetProperty("error").GetString());
        Assert.Equal("café", (await JsonAsync(utf8, HttpStatusCode.OK)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Percent_escapes_of_valid_utf8_and_a_literal_percent_still_decode()
    {
        var response = await PostAsync("/api/v1/apps", new StringContent(
            "client_name=caf%C3%A9+%E2%9C%93+100%25FF&redirect_uris=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob",
            Encoding.UTF8, "application/x-www-form-urlencoded"));

        var app = await JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("café ✓ 100%FF", app.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Password_grant_with_hostile_logins_is_invalid_grant()
    {
        foreach (var login in new[] { "existing_user' OR '1'='1", "existing_user\u0000", new string('x', 10_000), "\ud800", "existing_user@", "@existing_user" })
        {
            var response = await _client.PostAsync("/oauth/token", Form(
                ("grant_type", "password"), ("client_id", _app.ClientId), ("client_secret", _app.ClientSecret),
                ("username", login), ("password", TestAccounts.Password)));

            await AssertClientErrorAsync(response);
        }
    }

    [Fact]
    public async Task Oversized_body_is_413_json()
    {
        var response = await PostAsync("/api/v1/accounts", new StringContent(
            "{\"username\": \"" + new string('a', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json"));

        var error = await JsonAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("Request body too large", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Hostile_input_creates_no_account_and_the_existing_one_still_logs_in()
    {
        await PostAsync("/api/v1/accounts", new StringContent(
            "{\"username\": \"existing_user' OR '1'='1\", \"email\": \"x@b.test\", \"password\": \"12345678\", \"agreement\": true}",
            Encoding.UTF8, "application/json"));

        var token = await TestAccounts.PasswordTokenAsync(_client, _app, "existing_user");
        Assert.Equal(43, token.Length);
        var refused = await _client.PostAsync("/oauth/token", Form(
            ("grant_type", "password"), ("client_id", _app.ClientId), ("client_secret", _app.ClientSecret),
            ("username", "x@b.test"), ("password", "12345678")));
        await OAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_grant");
    }

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _appToken);
        if (path.StartsWith("/oauth", StringComparison.Ordinal))
        {
            request.Headers.Authorization = null;
        }

        return await _client.SendAsync(request);
    }

    private static async Task AssertClientErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"error\"", text, StringComparison.Ordinal);
    }
}
