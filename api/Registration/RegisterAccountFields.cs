using System.Text.Json.Serialization;

namespace Weft.Api.Registration;

/// <summary>The fields of POST /api/v1/accounts, for the OpenAPI document (the handler reads them through <c>RequestBody</c>).</summary>
public sealed record RegisterAccountFields
{
    /// <summary>Letters, digits and underscores, at most 30 characters.</summary>
    [JsonPropertyName("username")]
    public required string Username { get; init; }

    [JsonPropertyName("email")]
    public required string Email { get; init; }

    /// <summary>At least 8 characters.</summary>
    [JsonPropertyName("password")]
    public required string Password { get; init; }

    /// <summary>Must be true: the user agrees to the server's rules.</summary>
    [JsonPropertyName("agreement")]
    public required bool Agreement { get; init; }

    /// <summary>The user's language (en, pt-BR, …).</summary>
    [JsonPropertyName("locale")]
    public string? Locale { get; init; }
}
