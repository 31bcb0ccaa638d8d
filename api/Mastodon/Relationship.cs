using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Relationship entity: how the signed-in user relates to an account.</summary>
public sealed record Relationship
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("following")]
    public bool Following { get; init; }

    [JsonPropertyName("showing_reblogs")]
    public bool ShowingReblogs { get; init; }

    [JsonPropertyName("notifying")]
    public bool Notifying { get; init; }

    [JsonPropertyName("languages")]
    public IReadOnlyList<string>? Languages { get; init; }

    [JsonPropertyName("followed_by")]
    public bool FollowedBy { get; init; }

    [JsonPropertyName("blocking")]
    public bool Blocking { get; init; }

    [JsonPropertyName("blocked_by")]
    public bool BlockedBy { get; init; }

    [JsonPropertyName("muting")]
    public bool Muting { get; init; }

    [JsonPropertyName("muting_notifications")]
    public bool MutingNotifications { get; init; }

    [JsonPropertyName("requested")]
    public bool Requested { get; init; }

    [JsonPropertyName("requested_by")]
    public bool RequestedBy { get; init; }

    [JsonPropertyName("domain_blocking")]
    public bool DomainBlocking { get; init; }

    [JsonPropertyName("endorsed")]
    public bool Endorsed { get; init; }

    [JsonPropertyName("note")]
    public string Note { get; init; } = "";
}
