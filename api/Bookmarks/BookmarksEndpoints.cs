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
            var statuses = await renderer.LoadManyAsync(page.Items, viewerId, RequestOrigin.Get(context.Request));
            return MastodonResponses.Json<IReadOnlyList<Status>>(statuses, MastodonJson.Context.IReadOnlyListStatus);
        }).RequireScope("read:bookmarks");
        return app;
    }
}
