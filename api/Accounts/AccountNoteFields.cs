using System.Text.Json.Serialization;

namespace Weft.Api.Accounts;

/// <summary>The fields of POST /api/v1/accounts/{id}/note, for the OpenAPI document.</summary>
public sealed record AccountNoteFields
{
    /// <summary>The note (at most 2,000 characters); empty or absent removes it.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; init; }
}
