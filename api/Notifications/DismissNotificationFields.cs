using System.Text.Json.Serialization;

namespace Weft.Api.Notifications;

/// <summary>The fields of the legacy POST /api/v1/notifications/dismiss, for the OpenAPI document.</summary>
public sealed record DismissNotificationFields
{
    /// <summary>The notification to dismiss.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }
}
