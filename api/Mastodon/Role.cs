using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>
/// Mastodon's Role entity (docs.joinmastodon.org/entities/Role), shown to a user as their own account's
/// <c>role</c>. Weft has no staff roles yet, so every user has Mastodon's built-in everyone role.
/// </summary>
public sealed record Role
{
    /// <summary>Mastodon's everyone role: id -99, no name, no permissions beyond a plain user's.</summary>
    public static Role Everyone { get; } = new() { Id = "-99", Name = "", Permissions = "0", Color = "", Highlighted = false };

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>A bitmask of permissions, as a decimal string.</summary>
    [JsonPropertyName("permissions")]
    public required string Permissions { get; init; }

    /// <summary>A CSS colour, or empty.</summary>
    [JsonPropertyName("color")]
    public required string Color { get; init; }

    /// <summary>Whether the role is shown on the profile.</summary>
    [JsonPropertyName("highlighted")]
    public bool Highlighted { get; init; }
}
