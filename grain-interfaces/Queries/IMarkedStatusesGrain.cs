using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Queries;

/// <summary>
/// An account's favourited and bookmarked statuses (GET /api/v1/favourites, /api/v1/bookmarks), newest mark first.
/// Keyed by the account id. Holds no state; reads interleave.
/// </summary>
public interface IMarkedStatusesGrain : IGrainWithIntegerKey
{
    /// <summary>Favourited status ids; the page's cursors are favourite ids.</summary>
    [ReadOnly]
    Task<Page<long>> ListFavouritesAsync(PageRequest page);

    /// <summary>Bookmarked status ids; the page's cursors are bookmark ids.</summary>
    [ReadOnly]
    Task<Page<long>> ListBookmarksAsync(PageRequest page);
}
