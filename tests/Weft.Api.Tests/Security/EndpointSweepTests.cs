using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Mastodon;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.Security;

/// <summary>
/// Every mapped route (read from the app's endpoint data source, so new routes are covered without editing this test)
/// answers hostile requests — no token, a malformed path id, a malformed body — with a JSON error below 500.
/// </summary>
public sealed partial class EndpointSweepTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>, IAsyncLifetime
{
    // Routes that are documented not to answer JSON: the HTML login page (and its form post), the streaming health text,
    // the placeholder images.
    private static readonly HashSet<(string Method, string Template)> s_nonJson =
    [
        ("GET", "/oauth/authorize"),
        ("POST", "/oauth/authorize"),
        ("GET", "/instance/thumbnail.png"),
        ("GET", "/api/v1/streaming/health"),
        ("GET", AccountRenderer.MissingAvatarPath),
        ("GET", AccountRenderer.MissingHeaderPath),
    ];

    private static readonly string[] s_malformedIds = ["abc", "-1", "0", "99999999999999999999", "1e5", "%FF", "%20", "0x10", "1.5", "９"];

    private ApiUser _user = null!;
    private string _statusId = null!;

    public async Task InitializeAsync()
    {
        _user = await fixture.NewUserAsync("sweeper");
        _statusId = (await _user.PostStatusAsync("the sweep's own status")).Str("id");
    }

    public Task DisposeAsync()
    {
        _user.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public void The_sweep_sees_the_apps_routes()
    {
        var routes = Routes();

        Assert.Contains(("POST", "/api/v1/statuses"), routes);
        Assert.Contains(("DELETE", "/api/v1/statuses/{id}"), routes);
        Assert.Contains(("GET", "/api/v1/accounts/{id}"), routes);
        Assert.True(routes.Count >= 60, $"Only {routes.Count} routes found");
    }

    [Fact]
    public async Task Every_route_without_a_token_answers_json_below_500()
    {
        using var anonymous = fixture.Factory.CreateClient();
        var failures = new List<string>();
        foreach (var (method, template) in Routes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, _statusId, _user.Id));
            await CheckAsync(anonymous, request, method, template, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_route_with_a_malformed_path_id_answers_json_below_500()
    {
        var failures = new List<string>();
        foreach (var (method, template) in Routes().Where(r => r.Template.Contains('{', StringComparison.Ordinal)))
        {
            foreach (var id in s_malformedIds)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, id, id));
                var status = await CheckAsync(_user.Client, request, method, template, failures);
                if (template.Contains("{id}", StringComparison.Ordinal) && status is not (404 or 400))
                {
                    failures.Add($"{method} {template} with id '{id}': {status}, expected 404");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    public static TheoryData<string, string> MalformedBodies => new()
    {
        { "truncated json", "{\"status\": " },
        { "json array", "[1, 2, 3]" },
        { "json string", "\"hello\"" },
        { "json number", "42" },
        { "json null", "null" },
        { "wrong types", "{\"status\": {\"a\": 1}, \"visibility\": [1], \"in_reply_to_id\": true, \"media_ids\": {\"x\": 1}, \"limit\": \"many\", \"display_name\": 5, \"note\": [], \"locked\": \"maybe\", \"reblogs\": \"x\", \"notify\": {}, \"languages\": 7, \"sensitive\": [], \"spoiler_text\": {}, \"language\": 12, \"username\": [], \"email\": 1, \"password\": {}, \"agreement\": \"x\", \"client_name\": [], \"redirect_uris\": 1, \"scopes\": {}, \"grant_type\": [], \"token\": 12, \"id\": {\"a\": 1}, \"types\": 5, \"exclude_types\": {}, \"poll\": \"x\"}" },
        { "lone surrogate", "{\"status\": \"\\ud800\", \"spoiler_text\": \"\\udc00\", \"username\": \"\\ud800\", \"client_name\": \"\\ud800\", \"grant_type\": \"\\ud800\", \"token\": \"\\ud800\"}" },
        { "huge numbers", "{\"limit\": 1e400, \"in_reply_to_id\": 99999999999999999999999, \"media_ids\": [1e400], \"expires_in\": -1e308}" },
        { "deep nesting", new string('[', 200) + new string(']', 200) },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Every_write_route_with_a_malformed_json_body_answers_json_below_500(string kind, string body)
    {
        var failures = new List<string>();
        foreach (var (method, template) in WriteRoutes())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Fill(template, _statusId, _user.Id))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            await CheckAsync(_user.Client, request, method, template, failures);
        }

        Assert.True(failures.Count == 0, kind + ":\n" + string.Join('\n', failures));
    }

    [Fact]
    public async Task Every_write_route_with_invalid_utf8_answers_json_below_500()
    {
        var failures = new List<string>();
        foreach (var (method, template) in WriteRoutes())
        {
            byte[] json = [.. "{\"status\": \""u8, 0xFF, 0xFE, .. "\"}"u8];
            using var jsonRequest = new HttpRequestMessage(new HttpMethod(method), Fill(template, _statusId, _user.Id))
            {
                Content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            await CheckAsync(_user.Client, jsonRequest, method, template, failures);

            var form = "status=%FF&spoiler_text=%C3%28&visibility=%FF&display_name=%FF&client_name=%FF&grant_type=%FF&limit=%FF&id=%FF"u8.ToArray();
            using var formRequest = new HttpRequestMessage(new HttpMethod(method), Fill(template, _statusId, _user.Id) + "?limit=%FF&max_id=%FF")
            {
                Content = new ByteArrayContent(form) { Headers = { ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded") } },
            };
            await CheckAsync(_user.Client, formRequest, method, template, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=-5")]
    [InlineData("limit=1000")]
    [InlineData("limit=abc")]
    [InlineData("limit=99999999999999999999")]
    [InlineData("limit=1&limit=2")]
    [InlineData("max_id=abc&since_id=-1&min_id=1e5")]
    [InlineData("max_id=1&max_id=2")]
    [InlineData("max_id=%FF&min_id=%00")]
    [InlineData("id[]=abc&id[]=-1&id=%FF")]
    [InlineData("types[]=%FF&exclude_types[]=nonsense&account_id=abc")]
    [InlineData("acct=%FF&local=maybe&remote=1e5&only_media=%00&with_replies=x&exclude_reblogs=[]&pinned=2")]
    public async Task Every_read_route_with_bad_query_parameters_answers_json_below_500(string query)
    {
        var failures = new List<string>();
        foreach (var (method, template) in Routes().Where(r => r.Method == "GET"))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Fill(template, _statusId, _user.Id) + "?" + query);
            await CheckAsync(_user.Client, request, method, template, failures);
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static async Task<int> CheckAsync(HttpClient client, HttpRequestMessage request, string method, string template, List<string> failures)
    {
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{method} {request.RequestUri}";
        if (status >= 500)
        {
            failures.Add($"{what}: {status} {body}");
        }

        if (!s_nonJson.Contains((method, template)) && response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            failures.Add($"{what}: {status} with content type '{response.Content.Headers.ContentType}'");
        }

        return status;
    }

    // Routes in a stable order, writes that destroy (DELETE) last so the rest still see the sweep's status.
    private List<(string Method, string Template)> Routes()
    {
        var routes = new List<(string Method, string Template)>();
        foreach (var source in fixture.Factory.Services.GetServices<EndpointDataSource>())
        {
            foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
            {
                var template = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).Trim('/');
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                routes.AddRange(methods.Select(m => (m, template)));
            }
        }

        return [.. routes.Distinct().OrderBy(r => r.Method == "DELETE").ThenBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)];
    }

    private IEnumerable<(string Method, string Template)> WriteRoutes() => Routes().Where(r => r.Method is not ("GET" or "HEAD" or "OPTIONS"));

    // {id} under /accounts is an account id; elsewhere a status id. Other parameters (the OpenAPI document name) get "v1".
    private static string Fill(string template, string statusId, string accountId) =>
        RouteParameter().Replace(template, match => match.Groups[1].Value switch
        {
            "id" => template.StartsWith("/api/v1/accounts", StringComparison.Ordinal) ? accountId : statusId,
            _ => "v1",
        });

    [GeneratedRegex(@"\{\**([A-Za-z_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
