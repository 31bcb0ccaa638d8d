using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;
using Weft.Grains.Hosting;

namespace Weft.Grains.Timelines;

/// <summary>A big author's newest statuses in memory (no state: the social store has them all). See <see cref="IAuthorFeedGrain"/>.</summary>
public sealed class AuthorFeedGrain(ISocialStore store, IOptions<SocialOptions> options) : Grain, IAuthorFeedGrain
{
    private readonly List<TimelineEntry> _entries = [];
    private readonly int _capacity = options.Value.HomeTimelineCapacity;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var authorId = GetPrimaryKeyLong();
        // Viewer 0: no direct statuses, which only their recipients may see.
        var rows = await store.ListRecentByAuthorsAsync([authorId], 0, 0, _capacity, cancellationToken);
        foreach (var row in rows)
        {
            _entries.Add(TimelineEntries.From(row));
        }

        _entries.Sort(static (a, b) => b.StatusId.CompareTo(a.StatusId));
    }

    public Task<ImmutableArray<TimelineEntry>> ReadAsync(PageRequest page) => Task.FromResult(TimelineEntries.Slice(_entries, page));

    public Task AddAsync(ImmutableArray<TimelineEntry> entries)
    {
        // Everyone's feed: only order, duplicates and capacity apply here; each reader's timeline applies the reblog rules.
        foreach (var entry in entries)
        {
            TimelineEntries.InsertSorted(_entries, entry, _capacity);
        }

        return Task.CompletedTask;
    }

    public Task RemoveStatusAsync(long statusId)
    {
        _entries.RemoveAll(e => e.StatusId == statusId || e.ReblogOfId == statusId);
        return Task.CompletedTask;
    }
}
