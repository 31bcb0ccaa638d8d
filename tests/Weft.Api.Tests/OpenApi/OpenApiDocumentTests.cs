using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Weft.Api.Auth;
using Weft.Api.Tests.Support;

namespace Weft.Api.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json as a client author reads it: response schemas of the Mastodon entities (snake_case, as sent), the
/// parameters handlers read by hand, body fields, Mastodon's error body, and the token and scope each endpoint needs.
/// </summary>
public sealed class OpenApiDocumentTests(SqliteApiFixture api) : IClassFixture<SqliteApiFixture>
{
    private const string ErrorReference = "#/components/schemas/Error";

    [Fact]
    public async Task Home_timeline_is_a_paged_array_of_statuses_that_needs_a_token_with_read_statuses()
    {
        var document = await DocumentAsync();
        var home = Operation(document, "/api/v1/timelines/home", "get");

        var schema = ResponseSchema(home, "200");
        Assert.Equal("array", schema.Str("type"));
        var status = Resolve(document, schema.GetProperty("items"));
        var properties = status.GetProperty("properties");
        Assert.Equal("string", properties.GetProperty("id").Str("type"));
        Assert.Equal("string", properties.GetProperty("created_at").Str("type"));
        Assert.Equal("object", Resolve(document, properties.GetProperty("account")).Str("type"));
        Assert.Equal(["max_id", "since_id", "min_id", "limit"], ParameterNames(home, "query"));
        Assert.Equal("integer", home.GetProperty("parameters")[3].GetProperty("schema").Str("type"));
        var security = Security(home);
        Assert.Contains(("bearer", "read:statuses"), security);
        Assert.DoesNotContain(("", ""), security);
    }

    [Fact]
    public async Task Public_timeline_is_open_to_anonymous_callers_and_lists_its_filters()
    {
        var document = await DocumentAsync();
        var publicTimeline = Operation(document, "/api/v1/timelines/public", "get");

        Assert.Equal(["max_id", "since_id", "min_id", "limit", "local", "remote", "only_media"], ParameterNames(publicTimeline, "query"));
        Assert.Equal(
            [("bearer", "read:statuses"), ("oauth2", "read:statuses"), ("", "")],
            Security(publicTimeline));
    }

    [Fact]
    public async Task Posting_a_status_documents_its_fields_in_json_and_forms()
    {
        var document = await DocumentAsync();
        var post = Operation(document, "/api/v1/statuses", "post");

        var content = post.GetProperty("requestBody").GetProperty("content");
        Assert.Equal(
            ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"],
            content.EnumerateObject().Select(type => type.Name));
        foreach (var type in content.EnumerateObject())
        {
            var fields = Resolve(document, type.Value.GetProperty("schema"));
            Assert.Equal("string", fields.GetProperty("properties").GetProperty("status").Str("type"));
            Assert.Contains("status", fields.GetProperty("required").EnumerateArray().Select(name => name.GetString()));
            Assert.True(fields.GetProperty("properties").TryGetProperty("in_reply_to_id", out _));
        }

        Assert.Equal(["Idempotency-Key"], ParameterNames(post, "header"));
        Assert.Equal("Status", ResponseSchema(post, "200").Str("$ref").Split('/')[^1]);
        Assert.Contains(("bearer", "write:statuses"), Security(post));
    }

    [Fact]
    public async Task Refusals_reference_the_error_schema_with_its_two_fields()
    {
        var document = await DocumentAsync();
        var home = Operation(document, "/api/v1/timelines/home", "get");

        foreach (var status in (string[])["400", "401", "403", "422", "429"])
        {
            Assert.Equal(ErrorReference, ResponseSchema(home, status).Str("$ref"));
        }

        Assert.True(home.GetProperty("responses").GetProperty("401").GetProperty("headers").TryGetProperty("WWW-Authenticate", out _));
        var error = Resolve(document, ResponseSchema(home, "401"));
        Assert.Equal(["error", "error_description"], error.GetProperty("properties").EnumerateObject().Select(property => property.Name));
        Assert.Equal(ErrorReference, ResponseSchema(Operation(document, "/api/v1/statuses/{id}", "get"), "404").Str("$ref"));
        Assert.False(Operation(document, "/api/v1/instance", "get").GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public async Task Every_endpoint_with_a_scope_requires_it_in_the_document()
    {
        var document = await DocumentAsync();
        var endpoints = api.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(endpoint => (endpoint, requirement: endpoint.Metadata.GetMetadata<ScopeRequirement>()))
            .Where(pair => pair.requirement is not null
                && pair.endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true }) // refusals of what is not built
            .ToList();

        Assert.True(endpoints.Count > 40, $"Only {endpoints.Count} scoped endpoints found");
        foreach (var (endpoint, requirement) in endpoints)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var method = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var security = Security(Operation(document, path, method));
            Assert.Contains(("bearer", requirement!.Scope), security);
            Assert.Equal(requirement.Caller == ScopeCaller.AnonymousOrToken, security.Contains(("", "")));
            Assert.Contains("401", Operation(document, path, method).GetProperty("responses").EnumerateObject().Select(r => r.Name));
        }
    }

    [Fact]
    public async Task Every_api_operation_documents_a_json_success_schema_and_the_rate_limit_refusal()
    {
        var document = await DocumentAsync();

        var undocumented = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!(path.Name.StartsWith("/api/", StringComparison.Ordinal) || path.Name.StartsWith("/oauth/", StringComparison.Ordinal))
                || path.Name.StartsWith("/api/v1/streaming", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var operation in path.Value.EnumerateObject())
            {
                var responses = operation.Value.GetProperty("responses");
                if (!responses.TryGetProperty("200", out var ok)
                    || !ok.TryGetProperty("content", out var content)
                    || !content.TryGetProperty("application/json", out var json)
                    || !json.TryGetProperty("schema", out _)
                    || !responses.TryGetProperty("429", out _))
                {
                    undocumented.Add($"{operation.Name} {path.Name}");
                }
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public async Task Entity_schemas_use_the_snake_case_names_that_are_sent()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        Assert.Contains("display_name", PropertyNames(schemas.GetProperty("Account")));
        Assert.Contains("client_secret", PropertyNames(schemas.GetProperty("CredentialApplicationEntity")));
        Assert.Contains("redirect_uris", PropertyNames(schemas.GetProperty("ApplicationEntity")));
        Assert.Equal(["access_token", "token_type", "scope", "created_at"], PropertyNames(schemas.GetProperty("TokenEntity")));
        Assert.Equal("integer", schemas.GetProperty("TokenEntity").GetProperty("properties").GetProperty("created_at").Str("type"));
        Assert.Equal(["id", "name", "permissions", "color", "highlighted"], PropertyNames(schemas.GetProperty("Role")));
        Assert.Contains("role", PropertyNames(schemas.GetProperty("CredentialAccount")));
        // NodeInfo is not a Mastodon entity: its own schema spells names in camelCase (openRegistrations, localPosts).
        var camelCase = schemas.EnumerateObject()
            .Where(schema => schema.Name != "NodeInfo")
            .SelectMany(schema => PropertyNames(schema.Value).Select(name => $"{schema.Name}.{name}"))
            .Where(name => name.Split('.')[1].Any(char.IsUpper))
            .ToList();
        Assert.Empty(camelCase);
    }

    [Fact]
    public async Task Parameters_read_by_hand_are_documented()
    {
        var document = await DocumentAsync();

        var relationships = Operation(document, "/api/v1/accounts/relationships", "get");
        Assert.Equal(["id[]"], ParameterNames(relationships, "query"));
        Assert.Equal("array", relationships.GetProperty("parameters")[0].GetProperty("schema").Str("type"));
        Assert.Equal("array", ResponseSchema(relationships, "200").Str("type"));
        var lookup = Operation(document, "/api/v1/accounts/lookup", "get").GetProperty("parameters")[0];
        Assert.Equal("acct", lookup.Str("name"));
        Assert.True(lookup.GetProperty("required").GetBoolean());
        Assert.Equal(
            ["max_id", "since_id", "min_id", "limit", "types[]", "exclude_types[]", "account_id"],
            ParameterNames(Operation(document, "/api/v1/notifications", "get"), "query"));
        var followersLimit = Operation(document, "/api/v1/accounts/{id}/followers", "get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.Str("name") == "limit");
        Assert.Equal(40, followersLimit.GetProperty("schema").GetProperty("default").GetInt32());
        Assert.Contains("at most 80", followersLimit.Str("description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OAuth_and_registration_bodies_and_answers_are_documented()
    {
        var document = await DocumentAsync();

        var token = Operation(document, "/oauth/token", "post");
        Assert.Contains("grant_type", BodyFields(document, token));
        Assert.Equal("TokenEntity", ResponseSchema(token, "200").Str("$ref").Split('/')[^1]);
        var apps = Operation(document, "/api/v1/apps", "post");
        Assert.Contains("client_name", BodyFields(document, apps));
        Assert.Equal("CredentialApplicationEntity", ResponseSchema(apps, "200").Str("$ref").Split('/')[^1]);
        var register = Operation(document, "/api/v1/accounts", "post");
        Assert.Equal(["username", "email", "password", "agreement", "locale"], BodyFields(document, register));
        Assert.Equal("ValidationErrorEntity", ResponseSchema(register, "422").Str("$ref").Split('/')[^1]);
        Assert.Contains(("bearer", "write:accounts"), Security(register));
        var instance = Resolve(document, ResponseSchema(Operation(document, "/api/v2/instance", "get"), "200"));
        Assert.Contains("configuration", PropertyNames(instance));

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").Str("scheme"));
        var password = schemes.GetProperty("oauth2").GetProperty("flows").GetProperty("password");
        Assert.Equal("/oauth/token", password.Str("tokenUrl"));
        Assert.True(password.GetProperty("scopes").TryGetProperty("read:statuses", out _));
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = api.Factory.CreateClient();
        return await Json.ReadAsync(await client.GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private static JsonElement ResponseSchema(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema");

    // A schema, following its $ref to the components.
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static List<string> PropertyNames(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject().Select(property => property.Name)] : [];

    private static List<string> ParameterNames(JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? [.. parameters.EnumerateArray().Where(p => p.Str("in") == location).Select(p => p.Str("name"))]
            : [];

    private static List<string> BodyFields(JsonElement document, JsonElement operation) =>
        PropertyNames(Resolve(document, operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")));

    // Each requirement as (scheme, scope); an empty requirement (no token needed) as ("", "").
    private static List<(string Scheme, string Scope)> Security(JsonElement operation)
    {
        var requirements = new List<(string, string)>();
        foreach (var requirement in operation.GetProperty("security").EnumerateArray())
        {
            var schemes = requirement.EnumerateObject().ToList();
            if (schemes.Count == 0)
            {
                requirements.Add(("", ""));
            }

            foreach (var scheme in schemes)
            {
                requirements.AddRange(scheme.Value.EnumerateArray().Select(scope => (scheme.Name, scope.GetString()!)));
            }
        }

        return requirements;
    }
}
