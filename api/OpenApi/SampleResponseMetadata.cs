using System.Text.Json.Nodes;

namespace Weft.Api.OpenApi;

/// <summary>
/// Documents a response built as JSON nodes rather than a type: its schema is read off a sample made by the same code,
/// so it cannot drift from what is sent.
/// </summary>
/// <param name="SchemaName">The name of the schema among the document's components.</param>
/// <param name="Sample">Makes a sample answer.</param>
public sealed record SampleResponseMetadata(string SchemaName, Func<IServiceProvider, JsonNode> Sample);
