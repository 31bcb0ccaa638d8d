using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>Reads a JSON schema off a sample value: each property with the type its sample value has.</summary>
public static class SampleSchemas
{
    /// <summary>The schema of <paramref name="sample"/>; null values give a schema without a type.</summary>
    public static OpenApiSchema FromSample(JsonNode? sample) => sample switch
    {
        JsonObject obj => new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = obj.ToDictionary(property => property.Key, property => (IOpenApiSchema)FromSample(property.Value)),
        },
        JsonArray array => new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = array.Count > 0 ? FromSample(array[0]) : new OpenApiSchema(),
        },
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => new OpenApiSchema { Type = JsonSchemaType.String },
            JsonValueKind.Number => new OpenApiSchema { Type = JsonSchemaType.Number },
            JsonValueKind.True or JsonValueKind.False => new OpenApiSchema { Type = JsonSchemaType.Boolean },
            _ => new OpenApiSchema(),
        },
        _ => new OpenApiSchema(),
    };
}
