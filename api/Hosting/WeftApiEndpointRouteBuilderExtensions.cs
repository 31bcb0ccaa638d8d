using Weft.Api.Accounts;
using Weft.Api.Bookmarks;
using Weft.Api.Favourites;
using Weft.Api.Health;
using Weft.Api.Notifications;
using Weft.Api.Statuses;
using Weft.Api.Streaming;
using Weft.Api.Timelines;

namespace Weft.Api.Hosting;

/// <summary>The API's routes, one line per feature folder.</summary>
public static class WeftApiEndpointRouteBuilderExtensions
{
    /// <summary>Maps every endpoint.</summary>
    public static IEndpointRouteBuilder MapWeftApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthEndpoints();
        app.MapAccountsEndpoints();
        app.MapPlaceholderImageEndpoints();
        app.MapStatusesEndpoints();
        app.MapTimelinesEndpoints();
        app.MapFavouritesEndpoints();
        app.MapBookmarksEndpoints();
        app.MapNotificationsEndpoints();
        app.MapStreamingEndpoints();
        return app;
    }
}
