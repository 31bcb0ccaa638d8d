using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>The signed-in user's own account (verify_credentials): the account plus its <see cref="Source"/> and <see cref="Role"/>.</summary>
public sealed record CredentialAccount : Account
{
    [SetsRequiredMembers]
    public CredentialAccount(Account account, AccountSource source, Role role)
        : base(account)
    {
        Source = source;
        Role = role;
    }

    [JsonPropertyName("source")]
    public AccountSource Source { get; init; }

    /// <summary>The user's role on this server (Mastodon 4); everyone's role until Weft has staff roles.</summary>
    [JsonPropertyName("role")]
    public Role Role { get; init; }
}
