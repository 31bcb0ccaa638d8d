using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>The signed-in user's own account (verify_credentials): the account plus its <see cref="Source"/>.</summary>
public sealed record CredentialAccount : Account
{
    [SetsRequiredMembers]
    public CredentialAccount(Account account, AccountSource source)
        : base(account)
    {
        Source = source;
    }

    [JsonPropertyName("source")]
    public AccountSource Source { get; init; }
}
