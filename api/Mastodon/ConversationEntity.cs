using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Conversation entity: direct statuses exchanged with the same accounts.</summary>
public sealed record ConversationEntity
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("unread")]
    public required bool Unread { get; init; }

    /// <summary>The other participants.</summary>
    [JsonPropertyName("accounts")]
    public required IReadOnlyList<Account> Accounts { get; init; }

    [JsonPropertyName("last_status")]
    public required Status? LastStatus { get; init; }
}
