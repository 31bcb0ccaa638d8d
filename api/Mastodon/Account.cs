using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Account entity (docs.joinmastodon.org/entities/Account).</summary>
public record Account
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("username")]
    public required string Username { get; init; }

    /// <summary>The username for local accounts; username@domain for remote ones.</summary>
    [JsonPropertyName("acct")]
    public required string Acct { get; init; }

    [JsonPropertyName("display_name")]
    public required string DisplayName { get; init; }

    [JsonPropertyName("locked")]
    public bool Locked { get; init; }

    [JsonPropertyName("bot")]
    public bool Bot { get; init; }

    [JsonPropertyName("discoverable")]
    public bool? Discoverable { get; init; }

    [JsonPropertyName("indexable")]
    public bool Indexable { get; init; }

    [JsonPropertyName("group")]
    public bool Group { get; init; }

    /// <summary>The registration date at midnight UTC, as Mastodon renders it.</summary>
    [JsonPropertyName("created_at")]
    public required string CreatedAt { get; init; }

    /// <summary>The profile text as HTML.</summary>
    [JsonPropertyName("note")]
    public required string Note { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("uri")]
    public required string Uri { get; init; }

    [JsonPropertyName("avatar")]
    public required string Avatar { get; init; }

    [JsonPropertyName("avatar_static")]
    public required string AvatarStatic { get; init; }

    [JsonPropertyName("header")]
    public required string Header { get; init; }

    [JsonPropertyName("header_static")]
    public required string HeaderStatic { get; init; }

    [JsonPropertyName("followers_count")]
    public long FollowersCount { get; init; }

    [JsonPropertyName("following_count")]
    public long FollowingCount { get; init; }

    [JsonPropertyName("statuses_count")]
    public long StatusesCount { get; init; }

    /// <summary>The date (yyyy-MM-dd) of the newest status, or null.</summary>
    [JsonPropertyName("last_status_at")]
    public string? LastStatusAt { get; init; }

    [JsonPropertyName("hide_collections")]
    public bool? HideCollections { get; init; }

    [JsonPropertyName("noindex")]
    public bool Noindex { get; init; }

    [JsonPropertyName("emojis")]
    public IReadOnlyList<CustomEmoji> Emojis { get; init; } = [];

    [JsonPropertyName("roles")]
    public IReadOnlyList<AccountRole> Roles { get; init; } = [];

    [JsonPropertyName("fields")]
    public IReadOnlyList<Field> Fields { get; init; } = [];
}
