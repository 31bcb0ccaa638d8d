using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>
/// The OpenAPI document of every mapped endpoint, at /openapi/v1.json (Microsoft.AspNetCore.OpenApi). Response types
/// come from <c>Produces&lt;T&gt;</c> on the routes; the rest (security, parameters read by hand, body fields, errors)
/// from endpoint metadata, through <see cref="MastodonOperationTransformer"/>.
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>The document's name, part of its path.</summary>
    public const string DocumentName = "v1";

    public static IServiceCollection AddWeftOpenApi(this IServiceCollection services)
    {
        // Schemas are generated with the serializer options of minimal APIs, so those say how Weft writes JSON: snake_case
        // names (the positional records of Apps/OAuth/Registration get them from their contexts' naming policy, which
        // the schema generator does not see) and numbers as numbers. Handlers pass their type info explicitly and
        // /health's anonymous object already has these names, so no response changes.
        services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        return services.AddOpenApi(DocumentName, options =>
        {
            options.AddOperationTransformer<MastodonOperationTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Weft API",
                    Version = "v1",
                    Description = "Mastodon-compatible client API (OAuth 2, accounts, statuses, timelines, notifications, streaming). "
                        + "Every response that passed the rate limiter carries X-RateLimit-Limit, X-RateLimit-Remaining and "
                        + "X-RateLimit-Reset; lists send a Link header with the next and prev pages.",
                };
                OpenApiSecurity.AddSchemes(document);
                OpenApiErrors.AddSchema(document);
                return Task.CompletedTask;
            });
        });
    }

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        // The one document by its own path: a pattern with {documentName} would answer other names in plain text.
        app.MapOpenApi($"/openapi/{DocumentName}.json");
        return app;
    }
}
