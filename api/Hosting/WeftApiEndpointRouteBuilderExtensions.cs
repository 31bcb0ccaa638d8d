using Weft.Api.Accounts;
using Weft.Api.Apps;
using Weft.Api.Conversations;
using Weft.Api.Discovery;
using Weft.Api.Lists;
using Weft.Api.Health;
using Weft.Api.Instance;
using Weft.Api.MarkedStatuses;
using Weft.Api.Markers;
using Weft.Api.Notifications;
using Weft.Api.OAuth;
using Weft.Api.OpenApi;
using Weft.Api.Search;
using Weft.Api.Placeholders;
using Weft.Api.Registration;
using Weft.Api.Statuses;
using Weft.Api.Streaming;
using Weft.Api.Tags;
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
        app.MapSearchEndpoints();
        app.MapPlaceholderImageEndpoints();
        app.MapStatusesEndpoints();
        app.MapTimelinesEndpoints();
        app.MapTagsEndpoints();
        app.MapMarkedStatusesEndpoints();
        app.MapNotificationsEndpoints();
        app.MapMarkersEndpoints();
        app.MapListsEndpoints();
        app.MapConversationsEndpoints();
        app.MapDiscoveryEndpoints();
        app.MapStreamingEndpoints();
        app.MapOAuthEndpoints();
        app.MapAppsEndpoints();
        app.MapRegistrationEndpoints();
        app.MapInstanceEndpoints();
        app.MapPlaceholderEndpoints();
        app.MapOpenApiDocument();
        return app;
    }
}
