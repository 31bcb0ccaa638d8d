using System.Text.Json.Serialization;

namespace Weft.Api.Markers;

/// <summary>
/// The fields of POST /api/v1/markers, for the OpenAPI document (the handler reads them through <c>RequestBody</c>): in
/// forms <c>home[last_read_id]</c> and <c>notifications[last_read_id]</c>.
/// </summary>
public sealed record MarkerFields
{
    /// <summary>The home timeline's marker.</summary>
    [JsonPropertyName("home")]
    public MarkerPosition? Home { get; init; }

    /// <summary>The notifications' marker.</summary>
    [JsonPropertyName("notifications")]
    public MarkerPosition? Notifications { get; init; }
}

/// <summary>Where one timeline was last read.</summary>
public sealed record MarkerPosition
{
    /// <summary>The id of the last status (or notification) read; not blank.</summary>
    [JsonPropertyName("last_read_id")]
    public string? LastReadId { get; init; }
}
