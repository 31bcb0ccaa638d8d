using Weft.Api.Auth;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Favourites;

/// <summary>GET /api/v1/favourites: the statuses the user favourited, newest favourite first.</summary>
public static class FavouritesEndpoints
{
    public static IEndpointRouteBuilder MapFavouritesEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/favourites", async (HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
        {
            var viewerId = context.RequireAccountId();
            var page = await grains.GetGrain<IMarkedStatusesGrain>(viewerId).ListFavouritesAsync(PageQuery.Parse(context.Request));
            LinkHeader.Set(context, page.NewestCursor, page.OldestCursor);
            return await renderer.LoadListAsync(page.Items, viewerId, RequestOrigin.Get(context.Request));
        }).RequireScope("read:favourites");
        return app;
    }
}
