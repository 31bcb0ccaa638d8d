using System.Text.Json.Serialization;

namespace Weft.Api.Accounts;

/// <summary>The fields of POST /api/v1/accounts/:id/follow, for the OpenAPI document (the handler reads them through <c>RequestBody</c>).</summary>
public sealed record FollowFields
{
    /// <summary>Show the account's reblogs in the home timeline; true for a new follow, unchanged when following again if absent.</summary>
    [JsonPropertyName("reblogs")]
    public bool? Reblogs { get; init; }

    /// <summary>Be notified of each of the account's new statuses; false for a new follow, unchanged when following again if absent.</summary>
    [JsonPropertyName("notify")]
    public bool? Notify { get; init; }

    /// <summary>Only empty or absent (all languages): following for some languages only is not built yet and is a 422.</summary>
    [JsonPropertyName("languages")]
    public IReadOnlyList<string>? Languages { get; init; }
}
