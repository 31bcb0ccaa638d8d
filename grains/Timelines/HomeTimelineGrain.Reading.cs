using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;

namespace Weft.Grains.Timelines;

/// <summary>Reading: the first read builds the timeline; big followees are merged in at read time.</summary>
public sealed partial class HomeTimelineGrain
{
    public Task<TimelinePage> ReadAsync(PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!state.State.Built || timeProvider.GetUtcNow() - _bigFolloweesReadAt >= _options.BigFolloweeRefreshInterval)
        {
            return SlowReadAsync(page);
        }

        return _bigFollowees.Length == 0
            ? Task.FromResult(new TimelinePage(TimelineEntries.Slice(state.State.Entries, page), false))
            : ReadMergedAsync(page);

        async Task<TimelinePage> SlowReadAsync(PageRequest page)
        {
            if (!state.State.Built)
            {
                await BuildOnceAsync();
            }
            else
            {
                await RefreshBigFolloweesAsync(force: false);
            }

            return _bigFollowees.Length == 0
                ? new TimelinePage(TimelineEntries.Slice(state.State.Entries, page), false)
                : await ReadMergedAsync(page);
        }
    }

    // Each source returns at most a page within the bounds, so merging them and taking a page is exact.
    private async Task<TimelinePage> ReadMergedAsync(PageRequest page)
    {
        var authors = _bigFollowees;
        var feeds = new Task<System.Collections.Immutable.ImmutableArray<TimelineEntry>>[authors.Length];
        for (var i = 0; i < authors.Length; i++)
        {
            feeds[i] = GrainFactory.GetGrain<IAuthorFeedGrain>(authors[i]).ReadAsync(page);
        }

        await Task.WhenAll(feeds);
        var owner = Owner;
        var candidates = new List<TimelineEntry>(TimelineEntries.Slice(state.State.Entries, page));
        foreach (var feed in feeds)
        {
            foreach (var entry in feed.Result)
            {
                if (entry.ReblogOfAccountId != owner && Admits(entry))
                {
                    candidates.Add(entry);
                }
            }
        }

        return new TimelinePage(TimelineEntries.MergePages(candidates, page), false);
    }

    // Reads run interleaved with each other, so concurrent first reads share one build.
    private async Task BuildOnceAsync()
    {
        var building = _building ??= BuildAsync();
        try
        {
            await building;
        }
        catch
        {
            if (ReferenceEquals(_building, building))
            {
                _building = null;
            }

            throw;
        }
    }

    private async Task BuildAsync()
    {
        var owner = Owner;
        var rows = await RecentRowsAsync(await AuthorsAsync(CancellationToken.None), 0, CancellationToken.None);
        state.State.Entries.Clear();
        MergeRows(rows);
        state.State.Built = true;
        await PersistAsync(CancellationToken.None);
        StartPersisting();
        TimelineLog.Built(logger, owner, state.State.Entries.Count);
    }

    // Authors that stopped being big were not pushed here meanwhile: merge their recent statuses now.
    private async Task RefreshBigFolloweesAsync(bool force)
    {
        var now = timeProvider.GetUtcNow();
        if (!force && now - _bigFolloweesReadAt < _options.BigFolloweeRefreshInterval)
        {
            return;
        }

        _bigFolloweesReadAt = now;
        var current = await store.ListBigFolloweesAsync(Owner, CancellationToken.None);
        List<long>? noLongerBig = null;
        foreach (var author in _bigFollowees)
        {
            if (!Contains(current, author))
            {
                (noLongerBig ??= []).Add(author);
            }
        }

        _bigFollowees = [.. current];
        if (noLongerBig is not null)
        {
            var rows = await store.ListRecentByAuthorsAsync(noLongerBig, Owner, 0, _options.HomeTimelineCapacity, CancellationToken.None);
            if (MergeRows(rows) > 0)
            {
                _dirty = true;
            }
        }
    }

    /// <summary>
    /// The followees' statuses newer than <paramref name="sinceId"/> that belong in the timeline's own entries, reading
    /// (and keeping) which followees are big on the way. A big followee's statuses are merged from its author feed at
    /// read time and its deletions are not pushed here, so copied in, one deleted later would stay; only its direct
    /// statuses, pushed to the mentioned followers and never in its feed, are copied.
    /// </summary>
    private async Task<List<StatusRow>> RecentRowsAsync(IReadOnlyList<long> authors, long sinceId, CancellationToken cancellationToken)
    {
        var owner = Owner;
        var limit = _options.HomeTimelineCapacity;
        var bigFollowees = await store.ListBigFolloweesAsync(owner, cancellationToken);
        _bigFollowees = [.. bigFollowees];
        _bigFolloweesReadAt = timeProvider.GetUtcNow();
        var pushed = authors.Where(author => !Contains(bigFollowees, author)).ToList();
        var big = authors.Where(author => Contains(bigFollowees, author)).ToList();
        var rows = new List<StatusRow>(await store.ListRecentByAuthorsAsync(pushed, owner, sinceId, limit, cancellationToken));
        if (big.Count > 0)
        {
            var bigRows = await store.ListRecentByAuthorsAsync(big, owner, sinceId, limit, cancellationToken);
            rows.AddRange(bigRows.Where(row => row.Visibility == StatusVisibility.Direct));
        }

        return rows;
    }

    private static bool Contains(IReadOnlyList<long> ids, long id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }
}
