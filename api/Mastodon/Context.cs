using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Context entity: the statuses above and below one in its thread.</summary>
public sealed record Context
{
    [JsonPropertyName("ancestors")]
    public required IReadOnlyList<Status> Ancestors { get; init; }

    [JsonPropertyName("descendants")]
    public required IReadOnlyList<Status> Descendants { get; init; }
}
