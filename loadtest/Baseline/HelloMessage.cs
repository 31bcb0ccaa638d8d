using System.Text.Json.Serialization;

namespace Weft.LoadTest.Baseline;

/// <summary>TechEmpower's JSON test body.</summary>
internal sealed record HelloMessage([property: JsonPropertyName("message")] string Message);
