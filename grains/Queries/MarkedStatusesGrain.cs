using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Lists an account's favourites and bookmarks from the social store.</summary>
public sealed class MarkedStatusesGrain(ISocialStore store) : Grain, IMarkedStatusesGrain
{
    public Task<Page<long>> ListFavouritesAsync(PageRequest page) => ListAsync(StatusMarkKind.Favourite, page);

    public Task<Page<long>> ListBookmarksAsync(PageRequest page) => ListAsync(StatusMarkKind.Bookmark, page);

    private async Task<Page<long>> ListAsync(StatusMarkKind kind, PageRequest page)
    {
        var marks = await store.ListMarkedStatusesAsync(kind, this.GetPrimaryKeyLong(), page, CancellationToken.None);
        if (marks.Count == 0)
        {
            return Page<long>.Empty;
        }

        var statusIds = ImmutableArray.CreateBuilder<long>(marks.Count);
        foreach (var mark in marks)
        {
            statusIds.Add(mark.OtherId);
        }

        return new Page<long>(statusIds.MoveToImmutable(), marks[0].MarkId, marks[^1].MarkId);
    }
}
