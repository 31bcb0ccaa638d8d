using Weft.GrainInterfaces.Paging;

namespace Weft.Grains.Data;

/// <summary>
/// A <see cref="PageRequest"/> as SQL bounds: ids strictly between <see cref="After"/> and <see cref="Before"/>, at
/// most <see cref="Limit"/> of them. With min_id the query reads upwards from the bound (<see cref="OldestFirst"/>) and
/// the store reverses the rows, so the page is the one immediately above min_id, still newest first.
/// </summary>
internal readonly record struct PageBounds(long After, long Before, bool OldestFirst, int Limit)
{
    /// <summary>Bounds for <paramref name="page"/>; since_id and min_id together mean the higher of the two.</summary>
    public static PageBounds From(PageRequest page)
    {
        var after = long.MinValue;
        if (page.SinceId is { } since)
        {
            after = since;
        }

        if (page.MinId is { } min && min > after)
        {
            after = min;
        }

        return new PageBounds(after, page.MaxId ?? long.MaxValue, page.MinId is not null, Math.Max(page.Limit, 0));
    }

    /// <summary>Whether the page is empty without asking the database (a limit of zero or less).</summary>
    public bool IsEmpty => Limit == 0;

    /// <summary>Puts rows read oldest first into newest-first order.</summary>
    public void Finish<T>(List<T> rows)
    {
        if (OldestFirst)
        {
            rows.Reverse();
        }
    }
}
