using System.Text.Json.Serialization;

namespace Weft.LoadTest.Baseline;

/// <summary>Source-generated serialization for the baseline, as TechEmpower's ASP.NET Core entry uses.</summary>
[JsonSerializable(typeof(HelloMessage))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
