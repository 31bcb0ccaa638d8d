using System.Globalization;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Paging;

namespace Weft.Api.Infrastructure.Paging;

/// <summary>Reads Mastodon's paging parameters (max_id, since_id, min_id, limit) from the query string.</summary>
public static class PageQuery
{
    /// <summary>The page the request asks for; malformed values are a 400 (0 is a valid bound).</summary>
    public static PageRequest Parse(HttpRequest request, int defaultLimit = 20, int maxLimit = 40)
    {
        var query = request.Query;
        return new PageRequest(
            ParseId(query, "max_id"),
            ParseId(query, "since_id"),
            ParseId(query, "min_id"),
            ParseLimit(query, defaultLimit, maxLimit));
    }

    private static long? ParseId(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return null;
        }

        // 0 is a bound, not an id: Mastodon compares numerically, so min_id=0 reads from the very oldest forwards (a
        // client's stored marker may be "0"), since_id=0 bounds nothing and max_id=0 leaves nothing below it.
        var text = values[0]!;
        if (text.Length <= 19 && text.AsSpan().IndexOfAnyExcept('0') < 0)
        {
            return 0;
        }

        return SnowflakeId.TryParse(text, out var id)
            ? id
            : throw new ApiException(StatusCodes.Status400BadRequest, $"{name} is not a valid id");
    }

    private static int ParseLimit(IQueryCollection query, int defaultLimit, int maxLimit)
    {
        if (!query.TryGetValue("limit", out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return defaultLimit;
        }

        if (!int.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "limit must be an integer");
        }

        return Math.Clamp(limit, 1, maxLimit);
    }
}
