using System.Text.Json.Serialization;

namespace Weft.Api.Registration;

/// <summary>Source-generated JSON for the registration endpoint's errors.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ValidationErrorEntity))]
public sealed partial class RegistrationJsonContext : JsonSerializerContext;
