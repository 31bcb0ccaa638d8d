using System.Text.Json.Serialization;

namespace Weft.Api.Apps;

/// <summary>Source-generated JSON for the apps endpoints (snake_case, as Mastodon spells it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ApplicationEntity))]
[JsonSerializable(typeof(CredentialApplicationEntity))]
public sealed partial class AppsJsonContext : JsonSerializerContext;
