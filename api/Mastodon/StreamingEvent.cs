using System.Text.Json.Serialization;

namespace Weft.Api.Mastodon;

/// <summary>One message on the streaming WebSocket: the event name and its payload as a JSON string.</summary>
public sealed record StreamingEvent
{
    [JsonPropertyName("stream")]
    public required IReadOnlyList<string> Stream { get; init; }

    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("payload")]
    public required string Payload { get; init; }
}
