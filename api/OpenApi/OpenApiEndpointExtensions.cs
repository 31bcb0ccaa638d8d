using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>
/// What the OpenAPI document cannot see in handlers that read their parameters by hand, declared beside the route as
/// endpoint metadata; <see cref="MastodonOperationTransformer"/> turns it into parameters, bodies and responses.
/// </summary>
public static class OpenApiEndpointExtensions
{
    /// <summary>Reads max_id, since_id, min_id and limit (as <c>PageQuery.Parse</c> with the same limits).</summary>
    public static TBuilder Paged<TBuilder>(this TBuilder builder, int defaultLimit = 20, int maxLimit = 40)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PagedListMetadata(defaultLimit, maxLimit));

    /// <summary>Reads a query parameter by hand.</summary>
    public static TBuilder WithQuery<TBuilder>(
        this TBuilder builder, string name, string description, JsonSchemaType type = JsonSchemaType.String, bool required = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestParameterMetadata(name, description, type, ParameterLocation.Query, required));

    /// <summary>Reads a request header by hand.</summary>
    public static TBuilder WithHeader<TBuilder>(this TBuilder builder, string name, string description)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestParameterMetadata(name, description, JsonSchemaType.String, ParameterLocation.Header, false));

    /// <summary>Reads the fields of <paramref name="fieldsType"/> from a JSON or form body.</summary>
    public static TBuilder AcceptsFields<TBuilder>(this TBuilder builder, Type fieldsType, bool required = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestFieldsMetadata(fieldsType, required));

    /// <summary>Answers these error statuses for its own reasons (with Mastodon's error body).</summary>
    public static TBuilder ProducesErrors<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ErrorResponsesMetadata(statusCodes));

    /// <summary>Checks the token itself: any valid token will do.</summary>
    public static TBuilder RequiresToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new TokenRequiredMetadata());

    /// <summary>Answers JSON nodes shaped like <paramref name="sample"/>'s.</summary>
    public static TBuilder ProducesSample<TBuilder>(this TBuilder builder, string schemaName, Func<IServiceProvider, JsonNode> sample)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SampleResponseMetadata(schemaName, sample));
}
