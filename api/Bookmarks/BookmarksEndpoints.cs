using Weft.Api.Auth;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Bookmarks;

/// <summary>GET /api/v1/bookmarks: the statuses the user bookmarked, newest bookmark first.</summary>
public static class BookmarksEndpoints
{
    public static IEndpointRouteBuilder MapBookmarksEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/bookmarks", async (HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
        {
            var viewerId = context.RequireAccountId();
            var page = await grains.GetGrain<IMarkedStatusesGrain>(viewerId).ListBookmarksAsync(PageQuery.Parse(context.Request));
            LinkHeader.Set(context, page.NewestCursor, page.OldestCursor);
            return await renderer.LoadListAsync(page.Items, viewerId, RequestOrigin.Get(context.Request));
        }).RequireScope("read:bookmarks");
        return app;
    }
}
