using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's FamiliarFollowers entity: followers of an account that the user follows too.</summary>
public sealed record FamiliarFollowersEntity
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("accounts")]
    public required IReadOnlyList<Account> Accounts { get; init; }
}
