using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>An account in GET /api/v1/mutes: the account plus when its mute ends (Mastodon's MutedAccount serializer).</summary>
public sealed record MutedAccount : Account
{
    [SetsRequiredMembers]
    public MutedAccount(Account account, string? muteExpiresAt)
        : base(account)
    {
        MuteExpiresAt = muteExpiresAt;
    }

    /// <summary>When the mute ends (ISO 8601), or null for a mute without a duration.</summary>
    [JsonPropertyName("mute_expires_at")]
    public string? MuteExpiresAt { get; init; }
}
