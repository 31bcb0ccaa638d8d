using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>
/// Mastodon's PartialAccountWithAvatar: enough of an account to show its avatar in a notification group, for
/// GET /api/v2/notifications?expand_accounts=partial_avatars.
/// </summary>
public sealed record PartialAccountWithAvatar
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("acct")]
    public required string Acct { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("avatar")]
    public required string Avatar { get; init; }

    [JsonPropertyName("avatar_static")]
    public required string AvatarStatic { get; init; }

    [JsonPropertyName("locked")]
    public bool Locked { get; init; }

    [JsonPropertyName("bot")]
    public bool Bot { get; init; }

    /// <summary>The partial form of a rendered account.</summary>
    public static PartialAccountWithAvatar From(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new PartialAccountWithAvatar
        {
            Id = account.Id,
            Acct = account.Acct,
            Url = account.Url,
            Avatar = account.Avatar,
            AvatarStatic = account.AvatarStatic,
            Locked = account.Locked,
            Bot = account.Bot,
        };
    }
}
