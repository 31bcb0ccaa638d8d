using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>A filter that matched a status; filters are not built yet, so lists are empty.</summary>
public sealed record FilterResult
{
    [JsonPropertyName("keyword_matches")]
    public IReadOnlyList<string>? KeywordMatches { get; init; }

    [JsonPropertyName("status_matches")]
    public IReadOnlyList<string>? StatusMatches { get; init; }
}
