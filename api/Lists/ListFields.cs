using System.Text.Json.Serialization;

namespace Weft.Api.Lists;

/// <summary>The fields of POST /api/v1/lists and PUT /api/v1/lists/{id}, for the OpenAPI document.</summary>
public sealed record ListFields
{
    /// <summary>The list's title (required to create; 1–100 characters).</summary>
    [JsonPropertyName("title")]
    public string? Title { get; init; }

    /// <summary>followed, list (the default) or none: which replies to others the list's timeline shows.</summary>
    [JsonPropertyName("replies_policy")]
    public string? RepliesPolicy { get; init; }

    /// <summary>Whether the members' statuses stay out of the home timeline (they show in the list's timeline only).</summary>
    [JsonPropertyName("exclusive")]
    public bool? Exclusive { get; init; }
}

/// <summary>The fields of POST and DELETE /api/v1/lists/{id}/accounts, for the OpenAPI document.</summary>
public sealed record ListAccountsFields
{
    /// <summary>The accounts to add or remove (as account_ids[] in forms); only followed accounts can be added.</summary>
    [JsonPropertyName("account_ids")]
    public IReadOnlyList<string>? AccountIds { get; init; }
}
