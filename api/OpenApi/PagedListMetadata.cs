namespace Weft.Api.OpenApi;

/// <summary>Documents that an endpoint reads Mastodon's paging parameters (max_id, since_id, min_id, limit) and sends a Link header.</summary>
/// <param name="DefaultLimit">The page size without <c>limit</c>.</param>
/// <param name="MaxLimit">The largest <c>limit</c> honoured (larger ones are clamped).</param>
public sealed record PagedListMetadata(int DefaultLimit, int MaxLimit);
