using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Ids;

namespace Weft.Api.Mastodon;

/// <summary>Ids from the path (a malformed one names nothing: 404) and from the query or body (malformed: 400).</summary>
public static class RouteIds
{
    /// <summary>An id in the URL path; anything but a positive decimal id is "Record not found".</summary>
    public static long Path(string value) =>
        SnowflakeId.TryParse(value, out var id) ? id : throw new ApiException(StatusCodes.Status404NotFound, "Record not found");

    /// <summary>An id given as a parameter; malformed is a 400 naming the parameter.</summary>
    public static long Parameter(string value, string name) =>
        SnowflakeId.TryParse(value, out var id) ? id : throw new ApiException(StatusCodes.Status400BadRequest, $"{name} is not a valid id");

    /// <summary>
    /// The distinct ids of an array parameter (<c>id[]</c>, <c>account_ids[]</c>), in the order given; malformed is a
    /// 400, more than <paramref name="max"/> a 422.
    /// </summary>
    public static System.Collections.Immutable.ImmutableArray<long> Parameters(IReadOnlyList<string> values, string name, int max)
    {
        ArgumentNullException.ThrowIfNull(values);
        var ids = values.Select(value => Parameter(value, name)).Distinct().ToArray();
        return ids.Length <= max
            ? [.. ids]
            : throw new ApiException(StatusCodes.Status422UnprocessableEntity, $"Validation failed: at most {max} values of {name}");
    }
}
