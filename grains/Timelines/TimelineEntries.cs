using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;

namespace Weft.Grains.Timelines;

/// <summary>Operations on a list of timeline entries kept newest first (descending status id), without LINQ.</summary>
public static class TimelineEntries
{
    /// <summary>Mastodon's REBLOG_FALLOFF: a reblog is not inserted if its original or another reblog of it is among this many newest entries.</summary>
    public const int ReblogFalloff = 40;

    /// <summary>The entry for a status.</summary>
    public static TimelineEntry From(StatusSnapshot status) =>
        new(status.Id, status.AccountId, status.ReblogOfId, status.ReblogOfAccountId, status.InReplyToAccountId);

    /// <summary>The entry for an indexed status.</summary>
    public static TimelineEntry From(StatusRow row) =>
        new(row.Id, row.AccountId, row.ReblogOfId, row.ReblogOfAccountId, row.InReplyToAccountId);

    /// <summary>
    /// Inserts <paramref name="entry"/> in order unless it is present already, or it is a reblog that Mastodon's rules skip
    /// for <paramref name="ownerId"/> (a reblog of the owner's own status; a reblog whose original or another reblog
    /// of it is among the newest <see cref="ReblogFalloff"/> entries). Trims to <paramref name="capacity"/>.
    /// </summary>
    /// <returns>Whether the entry is now in the list.</returns>
    public static bool TryInsert(List<TimelineEntry> entries, TimelineEntry entry, long ownerId, int capacity)
    {
        if (entry.ReblogOfId is { } original
            && (entry.ReblogOfAccountId == ownerId || IsAmongNewest(entries, original, ReblogFalloff)))
        {
            return false;
        }

        return InsertSorted(entries, entry, capacity);
    }

    /// <summary>Inserts <paramref name="entry"/> in order unless present; trims to <paramref name="capacity"/>.</summary>
    /// <returns>Whether the entry is now in the list.</returns>
    public static bool InsertSorted(List<TimelineEntry> entries, TimelineEntry entry, int capacity)
    {
        var index = FirstIndexAtOrBelow(entries, entry.StatusId);
        if (index < entries.Count && entries[index].StatusId == entry.StatusId)
        {
            return false;
        }

        if (index >= capacity)
        {
            return false;
        }

        entries.Insert(index, entry);
        if (entries.Count > capacity)
        {
            entries.RemoveRange(capacity, entries.Count - capacity);
        }

        return true;
    }

    /// <summary>Whether a status, or a reblog of it, is among the <paramref name="count"/> newest entries.</summary>
    public static bool IsAmongNewest(List<TimelineEntry> entries, long statusId, int count)
    {
        var end = Math.Min(count, entries.Count);
        for (var i = 0; i < end; i++)
        {
            var e = entries[i];
            if (e.StatusId == statusId || e.ReblogOfId == statusId)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entries inside the page's bounds, newest first: the newest ones, or with min_id the ones just above it.</summary>
    public static ImmutableArray<TimelineEntry> Slice(List<TimelineEntry> entries, PageRequest page)
    {
        var (start, end) = Bounds(entries, page);
        var limit = Math.Max(0, page.Limit);
        var count = Math.Min(limit, end - start);
        if (count <= 0)
        {
            return [];
        }

        if (page.MinId is not null)
        {
            start = end - count;
        }

        var slice = ImmutableArray.CreateBuilder<TimelineEntry>(count);
        for (var i = start; i < start + count; i++)
        {
            slice.Add(entries[i]);
        }

        return slice.MoveToImmutable();
    }

    /// <summary>
    /// Merges several newest-first lists (each already limited to the page) into one page: ordered, without duplicate
    /// status ids, limited from the newest end (or, with min_id, from the oldest).
    /// </summary>
    public static ImmutableArray<TimelineEntry> MergePages(List<TimelineEntry> candidates, PageRequest page)
    {
        candidates.Sort(static (a, b) => b.StatusId.CompareTo(a.StatusId));
        var write = 0;
        for (var read = 0; read < candidates.Count; read++)
        {
            if (write == 0 || candidates[write - 1].StatusId != candidates[read].StatusId)
            {
                candidates[write++] = candidates[read];
            }
        }

        candidates.RemoveRange(write, candidates.Count - write);
        return Slice(candidates, page);
    }

    // [start, end): entries with id < max_id and id > max(since_id, min_id).
    private static (int Start, int End) Bounds(List<TimelineEntry> entries, PageRequest page)
    {
        // No id lies below long.MinValue (and max - 1 would wrap around to long.MaxValue).
        var start = page.MaxId is { } max ? max == long.MinValue ? entries.Count : FirstIndexAtOrBelow(entries, max - 1) : 0;
        var lower = Math.Max(page.SinceId ?? long.MinValue, page.MinId ?? long.MinValue);
        var end = lower == long.MinValue ? entries.Count : FirstIndexAtOrBelow(entries, lower);
        return (start, Math.Max(start, end));
    }

    // The first index whose id is ≤ id (entries are in descending order).
    private static int FirstIndexAtOrBelow(List<TimelineEntry> entries, long id)
    {
        int low = 0, high = entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (entries[middle].StatusId > id)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
