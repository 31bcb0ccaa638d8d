using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>The client a status was posted with (Mastodon's Status::Application).</summary>
public sealed record StatusApplication
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("website")]
    public string? Website { get; init; }
}
