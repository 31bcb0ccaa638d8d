namespace Weft.GrainInterfaces.Paging;

/// <summary>
/// Fills a page of a list that some readers see only in part (muted accounts, a list's replies policy): what one read
/// returns is filtered, and reading goes on, a few times at most, until the page is full, so a stretch of hidden
/// items does not end the list early for a client that stops at an empty page.
/// </summary>
public static class PageFilling
{
    /// <summary>Reads per page at most: a list hidden almost entirely still answers in bounded time.</summary>
    public const int MaxReads = 5;

    /// <summary>Reads after the first ask for at least this many, so small pages do not go on row by row.</summary>
    public const int MinReadSize = 20;

    /// <summary>
    /// The page <paramref name="page"/> asks for, newest first: reads with <paramref name="read"/> (newest first,
    /// at most the request's limit), keeps what <paramref name="keep"/> returns of each read (in order), and reads on
    /// below (or, for a <see cref="PageRequest.MinId"/> page, above) what was read. The cursors are those of the kept
    /// items; a page that kept none still carries the cursors of what was read, so following its links moves on.
    /// </summary>
    public static async Task<Page<TKept>> FillAsync<TRead, TKept>(
        PageRequest page,
        Func<PageRequest, Task<IReadOnlyList<TRead>>> read,
        Func<TRead, long> cursorOfRead,
        Func<IReadOnlyList<TRead>, ValueTask<List<TKept>>> keep,
        Func<TKept, long> cursorOfKept)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(cursorOfRead);
        ArgumentNullException.ThrowIfNull(keep);
        ArgumentNullException.ThrowIfNull(cursorOfKept);
        if (page.Limit <= 0)
        {
            return Page<TKept>.Empty;
        }

        var upwards = page.MinId is not null;
        var kept = new List<TKept>();
        long? newestRead = null;
        long? oldestRead = null;
        // The first read asks for the page (usually nothing is left out); later ones for more.
        var bounds = page;
        for (var round = 0; round < MaxReads && kept.Count < page.Limit; round++)
        {
            var rows = await read(bounds).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                break;
            }

            var newest = cursorOfRead(rows[0]);
            var oldest = cursorOfRead(rows[^1]);
            newestRead = Math.Max(newestRead ?? long.MinValue, newest);
            oldestRead = Math.Min(oldestRead ?? long.MaxValue, oldest);

            // Newest first throughout: an upward read is newer than what came before it.
            kept.InsertRange(upwards ? 0 : kept.Count, await keep(rows).ConfigureAwait(false));
            if (rows.Count < bounds.Limit)
            {
                break;
            }

            bounds = (upwards ? bounds with { MinId = newest } : bounds with { MaxId = oldest }) with { Limit = Math.Max(page.Limit, MinReadSize) };
        }

        // A min_id page keeps what is nearest to min_id.
        if (kept.Count > page.Limit)
        {
            kept = upwards ? kept.GetRange(kept.Count - page.Limit, page.Limit) : kept.GetRange(0, page.Limit);
        }

        return kept.Count > 0
            ? new Page<TKept>([.. kept], cursorOfKept(kept[0]), cursorOfKept(kept[^1]))
            : newestRead is null ? Page<TKept>.Empty : new Page<TKept>([], newestRead, oldestRead);
    }
}
