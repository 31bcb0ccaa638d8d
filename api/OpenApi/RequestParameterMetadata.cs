using Microsoft.OpenApi;

namespace Weft.Api.OpenApi;

/// <summary>Documents a parameter a handler reads by hand from the query string or a header.</summary>
/// <param name="Name">The name as sent, with <c>[]</c> for arrays as Mastodon's clients send them.</param>
/// <param name="Description">What it does.</param>
/// <param name="Type">Its JSON type (string, integer, boolean; or array of strings).</param>
/// <param name="In">Where it is sent.</param>
/// <param name="Required">Whether the request fails without it.</param>
public sealed record RequestParameterMetadata(string Name, string Description, JsonSchemaType Type, ParameterLocation In, bool Required);
