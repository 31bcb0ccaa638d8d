using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Marker entity: where the user stopped reading a timeline.</summary>
public sealed record MarkerEntity
{
    [JsonPropertyName("last_read_id")]
    public required string LastReadId { get; init; }

    [JsonPropertyName("version")]
    public required int Version { get; init; }

    [JsonPropertyName("updated_at")]
    public required string UpdatedAt { get; init; }
}
