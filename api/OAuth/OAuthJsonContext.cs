using System.Text.Json.Serialization;

namespace Weft.Api.OAuth;

/// <summary>Source-generated JSON for the OAuth endpoints' answers (snake_case, as Mastodon and RFC 6749 spell them).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TokenEntity))]
[JsonSerializable(typeof(ServerMetadata))]
public sealed partial class OAuthJsonContext : JsonSerializerContext;
