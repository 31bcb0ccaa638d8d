namespace Weft.Api.OpenApi;

/// <summary>
/// Documents the fields a handler reads from its body through <c>RequestBody</c> (JSON, url-encoded or multipart form,
/// or even the query string). Not <c>Accepts&lt;T&gt;</c>: that would also make routing refuse other content types with 415.
/// </summary>
/// <param name="FieldsType">A type whose JSON shape lists the fields.</param>
/// <param name="Required">Whether a body is needed at all.</param>
public sealed record RequestFieldsMetadata(Type FieldsType, bool Required);
