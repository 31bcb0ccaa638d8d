using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Notification entity.</summary>
public sealed record Notification
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>follow, favourite, reblog or mention.</summary>
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("created_at")]
    public required string CreatedAt { get; init; }

    [JsonPropertyName("group_key")]
    public required string GroupKey { get; init; }

    [JsonPropertyName("account")]
    public required Account Account { get; init; }

    /// <summary>The status concerned; absent for follows.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Status? Status { get; init; }
}
