using System.Collections.Immutable;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Notifications;
using Microsoft.OpenApi;
using Weft.Api.OpenApi;

namespace Weft.Api.Notifications;

/// <summary>/api/v1/notifications: list (filtered by type and account), get one, dismiss one, clear all.</summary>
public static class NotificationsEndpoints
{
    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        notifications.MapGet("", ListAsync)
            .RequireScope("read:notifications")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .WithQuery("types[]", "Only these types (mention, status, reblog, follow, favourite, …).", JsonSchemaType.Array)
            .WithQuery("exclude_types[]", "Leave out these types.", JsonSchemaType.Array)
            .WithQuery("account_id", "Only notifications caused by this account.")
            .Produces<IReadOnlyList<Mastodon.Notification>>()
            .WithSummary("The user's notifications, newest first.");
        notifications.MapPost("/clear", ClearAsync)
            .RequireScope("write:notifications")
            .Produces<EmptyObject>()
            .WithSummary("Dismisses every notification.");
        notifications.MapPost("/dismiss", DismissLegacyAsync)
            .RequireScope("write:notifications")
            .AcceptsFields(typeof(DismissNotificationFields))
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("Dismisses one notification (the older form of POST /api/v1/notifications/{id}/dismiss).");
        notifications.MapGet("/{id}", GetAsync)
            .RequireScope("read:notifications")
            .Produces<Mastodon.Notification>()
            .WithSummary("One notification.");
        notifications.MapPost("/{id}/dismiss", DismissAsync)
            .RequireScope("write:notifications")
            .Produces<EmptyObject>()
            .WithSummary("Dismisses one notification.");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, NotificationRenderer renderer)
    {
        var recipientId = context.RequireAccountId();
        var page = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var types = ParseTypes(body.GetStrings("types"));
        var excludeTypes = ParseTypes(body.GetStrings("exclude_types"));
        long? fromAccountId = body.GetString("account_id") is { Length: > 0 } accountId ? RouteIds.Parameter(accountId, "account_id") : null;

        // Asking only for types Weft never produces matches nothing (rather than everything).
        if (types.IsEmpty && body.GetStrings("types").Count > 0)
        {
            return MastodonResponses.Json<IReadOnlyList<Mastodon.Notification>>([], MastodonJson.Context.IReadOnlyListNotification);
        }

        var list = await grains.GetGrain<INotificationsGrain>(recipientId).ListAsync(new NotificationQuery(page, types, excludeTypes, fromAccountId));
        if (!list.IsEmpty)
        {
            LinkHeader.Set(context, list[0].Id, list[^1].Id);
        }

        var rendered = await renderer.RenderManyAsync(list, recipientId, RequestOrigin.Get(context.Request));
        return MastodonResponses.Json<IReadOnlyList<Mastodon.Notification>>(rendered, MastodonJson.Context.IReadOnlyListNotification);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains, NotificationRenderer renderer)
    {
        var recipientId = context.RequireAccountId();
        var notification = await grains.GetGrain<INotificationsGrain>(recipientId).GetAsync(RouteIds.Path(id));
        var rendered = notification is null ? null : await renderer.RenderAsync(notification, recipientId, RequestOrigin.Get(context.Request));
        return rendered is null ? ApiErrors.NotFound() : MastodonResponses.Json(rendered, MastodonJson.Context.Notification);
    }

    private static async Task<IResult> ClearAsync(HttpContext context, IGrainFactory grains)
    {
        await grains.GetGrain<INotificationsGrain>(context.RequireAccountId()).ClearAsync();
        return MastodonResponses.EmptyObject();
    }

    private static async Task<IResult> DismissAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var dismissed = await grains.GetGrain<INotificationsGrain>(context.RequireAccountId()).DismissAsync(RouteIds.Path(id));
        return dismissed ? MastodonResponses.EmptyObject() : ApiErrors.NotFound();
    }

    private static async Task<IResult> DismissLegacyAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (body.GetString("id") is not { Length: > 0 } id)
        {
            return ApiErrors.BadRequest("id is missing");
        }

        var dismissed = await grains.GetGrain<INotificationsGrain>(context.RequireAccountId()).DismissAsync(RouteIds.Path(id));
        return dismissed ? MastodonResponses.EmptyObject() : ApiErrors.NotFound();
    }

    private static ImmutableArray<NotificationType> ParseTypes(IReadOnlyList<string> names)
    {
        var types = ImmutableArray.CreateBuilder<NotificationType>();
        foreach (var name in names)
        {
            if (NotificationRenderer.TryParseType(name, out var type) && !types.Contains(type))
            {
                types.Add(type);
            }
        }

        return types.ToImmutable();
    }
}
