namespace Weft.Api.OpenApi;

/// <summary>Documents that an endpoint checks the token itself, with no particular scope (an endpoint without a <c>ScopeRequirement</c>).</summary>
public sealed record TokenRequiredMetadata;
