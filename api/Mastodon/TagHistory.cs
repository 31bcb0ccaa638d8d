using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>Mastodon's Tag::History: one day's use of a hashtag (numbers as strings, as Mastodon sends them).</summary>
public sealed record TagHistory
{
    /// <summary>The day, as a UNIX timestamp.</summary>
    [JsonPropertyName("day")]
    public required string Day { get; init; }

    [JsonPropertyName("uses")]
    public required string Uses { get; init; }

    [JsonPropertyName("accounts")]
    public required string Accounts { get; init; }
}
