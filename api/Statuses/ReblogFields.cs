using System.Text.Json.Serialization;

namespace Weft.Api.Statuses;

/// <summary>The fields of POST /api/v1/statuses/{id}/reblog, for the OpenAPI document.</summary>
public sealed record ReblogFields
{
    /// <summary>public (the default), unlisted or private.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; init; }
}
