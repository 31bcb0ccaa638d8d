using Weft.Api.Auth;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.Api.OpenApi;

namespace Weft.Api.MarkedStatuses;

/// <summary>
/// GET /api/v1/favourites and /api/v1/bookmarks: the statuses the user marked, newest mark first, paged by the mark's
/// id (as Mastodon does, so the Link header's cursors are mark ids, not status ids).
/// </summary>
public static class MarkedStatusesEndpoints
{
    public static IEndpointRouteBuilder MapMarkedStatusesEndpoints(this IEndpointRouteBuilder app)
    {
        MapList(app, "/api/v1/favourites", "read:favourites", static (grain, page) => grain.ListFavouritesAsync(page))
            .WithTags("Favourites")
            .WithSummary("Statuses the user favourited, newest favourite first (the Link header's cursors are favourite ids).");
        MapList(app, "/api/v1/bookmarks", "read:bookmarks", static (grain, page) => grain.ListBookmarksAsync(page))
            .WithTags("Bookmarks")
            .WithSummary("Statuses the user bookmarked, newest bookmark first (the Link header's cursors are bookmark ids).");
        return app;
    }

    private static RouteHandlerBuilder MapList(IEndpointRouteBuilder app, string route, string scope, Func<IMarkedStatusesGrain, PageRequest, Task<Page<long>>> list) =>
        app.MapGet(route, async (HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
        {
            var viewerId = context.RequireAccountId();
            var page = await list(grains.GetGrain<IMarkedStatusesGrain>(viewerId), PageQuery.Parse(context.Request));
            LinkHeader.Set(context, page.NewestCursor, page.OldestCursor);
            return await renderer.LoadListAsync(page.Items, viewerId, RequestOrigin.Get(context.Request));
        }).RequireScope(scope).Paged().Produces<IReadOnlyList<Status>>();
}
