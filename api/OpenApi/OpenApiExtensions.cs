using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>The OpenAPI document of every mapped endpoint, at /openapi/v1.json (Microsoft.AspNetCore.OpenApi).</summary>
public static class OpenApiExtensions
{
    /// <summary>The document's name, part of its path.</summary>
    public const string DocumentName = "v1";

    public static IServiceCollection AddWeftOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Weft API",
                Version = "v1",
                Description = "Mastodon-compatible client API (OAuth 2, accounts, statuses, timelines, notifications, streaming).",
            };
            return Task.CompletedTask;
        }));

    public static IEndpointRouteBuilder MapOpenApiDocument(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
