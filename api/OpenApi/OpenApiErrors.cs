using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>Mastodon's error body, <c>{"error", "error_description"}</c> (written by <c>ApiErrors</c>), as a component and as responses.</summary>
public static class OpenApiErrors
{
    /// <summary>The error schema's name among the components.</summary>
    public const string SchemaName = "Error";

    /// <summary>Adds the error schema to the document.</summary>
    public static void AddSchema(OpenApiDocument document) =>
        document.AddComponent<IOpenApiSchema>(SchemaName, new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "Mastodon's error entity. OAuth endpoints put RFC 6749's code in error (invalid_grant, …) and the text in error_description.",
            Required = new HashSet<string> { "error", "error_description" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong, for people (Mastodon's words)." },
                ["error_description"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Description = "More detail, when there is any.",
                },
            },
            Examples = [new JsonObject { ["error"] = "Record not found", ["error_description"] = null }],
        });

    /// <summary>An error response with the error body.</summary>
    public static OpenApiResponse Response(OpenApiDocument? document, int status) => new()
    {
        Description = Describe(status),
        Headers = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            ? new Dictionary<string, IOpenApiHeader>
            {
                ["WWW-Authenticate"] = new OpenApiHeader
                {
                    Description = "The bearer challenge: error=\"invalid_token\" on 401, error=\"insufficient_scope\" with the needed scope on 403.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            }
            : null,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(SchemaName, document) },
        },
    };

    private static string Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Malformed parameters (an id or limit that is not a number, a body that does not parse).",
        StatusCodes.Status401Unauthorized => "No access token, or one that is unknown or revoked.",
        StatusCodes.Status403Forbidden => "The token lacks the scope this endpoint needs, or the action is not allowed.",
        StatusCodes.Status404NotFound => "Record not found (also for records the caller may not see).",
        StatusCodes.Status422UnprocessableEntity => "Validation failed, or the endpoint needs a user token and got an app token.",
        StatusCodes.Status429TooManyRequests => "Rate limited; X-RateLimit-Reset and Retry-After say when to try again.",
        _ => "Error.",
    };
}
