using System.Text.Json.Serialization;

namespace Weft.Api.Accounts;

/// <summary>
/// The fields of PATCH /api/v1/accounts/update_credentials, for the OpenAPI document (the handler reads them through
/// <c>RequestBody</c>). Fields Mastodon knows and Weft does not keep (discoverable, fields_attributes, source[…]) are
/// ignored, as Mastodon ignores unknown ones.
/// </summary>
public sealed record UpdateCredentialsFields
{
    /// <summary>The display name, plain text, at most 30 characters.</summary>
    [JsonPropertyName("display_name")]
    public string? DisplayName { get; init; }

    /// <summary>The profile text, plain text, at most 500 characters.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; init; }

    /// <summary>Whether the account is marked as automated.</summary>
    [JsonPropertyName("bot")]
    public bool? Bot { get; init; }

    /// <summary>Only false: follow requests are not built yet, so an account cannot be locked.</summary>
    [JsonPropertyName("locked")]
    public bool? Locked { get; init; }
}
