namespace Weft.Api.OpenApi;

/// <summary>
/// Documents the error statuses an endpoint answers for its own reasons, beside those the operation transformer infers
/// (401/403/422 from the scope, 404 from route ids, 400 from paging, 429 everywhere).
/// </summary>
/// <param name="StatusCodes">The statuses, each answered with Mastodon's error body.</param>
public sealed record ErrorResponsesMetadata(IReadOnlyList<int> StatusCodes);
