using System.Text.Json.Serialization;

namespace Weft.Api.Accounts;

/// <summary>The fields of POST /api/v1/accounts/{id}/mute, for the OpenAPI document.</summary>
public sealed record MuteFields
{
    /// <summary>Mute the account's notifications too (default true).</summary>
    [JsonPropertyName("notifications")]
    public bool? Notifications { get; init; }

    /// <summary>Seconds until the mute ends by itself; 0 (the default) for never.</summary>
    [JsonPropertyName("duration")]
    public int? Duration { get; init; }
}
