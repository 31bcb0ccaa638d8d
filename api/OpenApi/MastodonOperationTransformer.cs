using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Weft.Api.Auth;

namespace Weft.Api.OpenApi;

/// <summary>
/// Completes each operation from its endpoint metadata: the bearer token and scope it needs (from
/// <see cref="ScopeRequirement"/>), the parameters and body fields its handler reads by hand, and Mastodon's error
/// responses — declared ones plus those that follow from the endpoint (401/403 from the scope check, 422 for user-only
/// endpoints, 404 for route ids, 400 for paging, 429 from the rate limiter, which every request passes).
/// </summary>
public sealed class MastodonOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] s_bodyContentTypes = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var document = context.Document;
        var errors = new SortedSet<int> { StatusCodes.Status429TooManyRequests };

        if (metadata.OfType<ScopeRequirement>().LastOrDefault() is { } requirement)
        {
            operation.Security = OpenApiSecurity.Requirements(document, requirement.Scope, optional: requirement.Caller == ScopeCaller.AnonymousOrToken);
            errors.Add(StatusCodes.Status401Unauthorized);
            errors.Add(StatusCodes.Status403Forbidden);
            if (requirement.Caller == ScopeCaller.User)
            {
                errors.Add(StatusCodes.Status422UnprocessableEntity);
            }
        }
        else if (metadata.OfType<TokenRequiredMetadata>().Any())
        {
            operation.Security = OpenApiSecurity.Requirements(document, scope: null, optional: false);
            errors.Add(StatusCodes.Status401Unauthorized);
        }

        if (context.Description.ParameterDescriptions.Any(parameter => parameter.Source.Id == "Path"))
        {
            errors.Add(StatusCodes.Status404NotFound);
        }

        if (metadata.OfType<PagedListMetadata>().LastOrDefault() is { } paged)
        {
            AddPaging(operation, paged);
            errors.Add(StatusCodes.Status400BadRequest);
        }

        foreach (var parameter in metadata.OfType<RequestParameterMetadata>())
        {
            AddParameter(operation, parameter);
        }

        if (metadata.OfType<RequestFieldsMetadata>().LastOrDefault() is { } fields)
        {
            var schema = await context.GetOrCreateSchemaAsync(fields.FieldsType, null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = fields.Required,
                Description = "As JSON, a url-encoded form or a multipart form; arrays as name[] in forms.",
                Content = s_bodyContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        }

        foreach (var declared in metadata.OfType<ErrorResponsesMetadata>())
        {
            errors.UnionWith(declared.StatusCodes);
        }

        if (metadata.OfType<SampleResponseMetadata>().LastOrDefault() is { } sample && document is not null)
        {
            var schema = SampleSchemas.FromSample(sample.Sample(context.ApplicationServices));
            document.AddComponent(sample.SchemaName, schema);
            operation.Responses ??= [];
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(sample.SchemaName, document) },
                },
            };
        }

        operation.Responses ??= [];
        foreach (var status in errors)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = OpenApiErrors.Response(document, status);
            }
        }
    }

    private static void AddPaging(OpenApiOperation operation, PagedListMetadata paged)
    {
        AddParameter(operation, new RequestParameterMetadata("max_id", "Only results older than this id (the Link header's next page).", JsonSchemaType.String, ParameterLocation.Query, false));
        AddParameter(operation, new RequestParameterMetadata("since_id", "Only results newer than this id (the newest page above it).", JsonSchemaType.String, ParameterLocation.Query, false));
        AddParameter(operation, new RequestParameterMetadata("min_id", "Only results newer than this id, the page right above it (the Link header's prev page).", JsonSchemaType.String, ParameterLocation.Query, false));
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = "limit",
            In = ParameterLocation.Query,
            Description = $"How many results, {paged.DefaultLimit} by default, at most {paged.MaxLimit} (larger values are clamped).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Default = paged.DefaultLimit },
        });
    }

    private static void AddParameter(OpenApiOperation operation, RequestParameterMetadata parameter)
    {
        operation.Parameters ??= [];
        var schema = parameter.Type.HasFlag(JsonSchemaType.Array)
            ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } }
            : new OpenApiSchema { Type = parameter.Type };
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = parameter.Name,
            In = parameter.In,
            Required = parameter.Required,
            Description = parameter.Description,
            Schema = schema,
        });
    }
}
