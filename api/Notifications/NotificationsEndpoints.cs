using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Markers;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Weft.Api.OpenApi;

namespace Weft.Api.Notifications;

/// <summary>
/// /api/v1/notifications: list (filtered by type and account), get one, dismiss one, clear all, count unread; and
/// /api/v2/notifications, the same list grouped as Mastodon 4.3 clients ask for it, with one group, its accounts and
/// dismissing it by group key.
/// </summary>
public static class NotificationsEndpoints
{
    // Mastodon groups these unless the client names others in grouped_types[].
    private static readonly ImmutableArray<NotificationType> s_defaultGroupedTypes =
        [NotificationType.Favourite, NotificationType.Follow, NotificationType.Reblog];

    // A grouped page reads notifications in batches of this many, at most this many batches.
    private const int GroupingBatch = 80;
    private const int GroupingBatches = 5;

    // Notifications after the notifications marker are unread (all of them without one); the count stops here, as Mastodon's does.
    private const int DefaultUnreadLimit = 100;
    private const int MaxUnreadLimit = 1000;

    public static IEndpointRouteBuilder MapNotificationsEndpoints(this IEndpointRouteBuilder app)
    {
        var notifications = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        notifications.MapGet("", ListAsync)
            .RequireScope("read:notifications")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .WithNotificationFilters()
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
        notifications.MapGet("/unread_count", UnreadCountAsync)
            .RequireScope("read:notifications")
            .WithNotificationFilters()
            .WithQuery("limit", "Count at most this many (default 100, at most 1,000).", JsonSchemaType.Integer)
            .Produces<UnreadCount>()
            .WithSummary("How many notifications are newer than the notifications marker (all, if it was never set).");
        notifications.MapGet("/{id}", GetAsync)
            .RequireScope("read:notifications")
            .Produces<Mastodon.Notification>()
            .WithSummary("One notification.");
        notifications.MapPost("/{id}/dismiss", DismissAsync)
            .RequireScope("write:notifications")
            .Produces<EmptyObject>()
            .WithSummary("Dismisses one notification.");

        var grouped = app.MapGroup("/api/v2/notifications").WithTags("Notifications");
        grouped.MapGet("", ListGroupedAsync)
            .RequireScope("read:notifications")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .WithNotificationFilters()
            .WithQuery("grouped_types[]", "The types to group (default favourite, follow and reblog); others come one per group.", JsonSchemaType.Array)
            .WithQuery("expand_accounts", "full (default): every sample account in full; partial_avatars: each group's most recent in full, the others in partial_accounts.")
            .Produces<GroupedNotificationsResults>()
            .WithSummary("The user's notifications grouped (favourites and reblogs of a status, follows, within 12 hours), newest first; limit counts groups.");
        grouped.MapGet("/unread_count", UnreadGroupCountAsync)
            .RequireScope("read:notifications")
            .WithNotificationFilters()
            .WithQuery("grouped_types[]", "The types to group (default favourite, follow and reblog).", JsonSchemaType.Array)
            .WithQuery("limit", "Count at most this many groups (default 100, at most 1,000).", JsonSchemaType.Integer)
            .Produces<UnreadCount>()
            .WithSummary("How many notification groups are newer than the notifications marker (all, if it was never set).");
        grouped.MapGet("/{group_key}", GetGroupAsync)
            .RequireScope("read:notifications")
            .Produces<GroupedNotificationsResults>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("One notification group (its newest 400 notifications), with its accounts and status.");
        grouped.MapGet("/{group_key}/accounts", ListGroupAccountsAsync)
            .RequireScope("read:notifications")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("The accounts behind a notification group's notifications, newest first; an unknown key has none.");
        grouped.MapPost("/{group_key}/dismiss", DismissGroupAsync)
            .RequireScope("write:notifications")
            .Produces<EmptyObject>()
            .WithSummary("Dismisses every notification of a group (an unknown key dismisses nothing).");
        return app;
    }

    // The filters both lists read (ParseQuery).
    private static RouteHandlerBuilder WithNotificationFilters(this RouteHandlerBuilder builder) => builder
        .WithQuery("types[]", "Only these types (mention, status, reblog, follow, favourite, …).", JsonSchemaType.Array)
        .WithQuery("exclude_types[]", "Leave out these types.", JsonSchemaType.Array)
        .WithQuery("account_id", "Only notifications caused by this account.");

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, NotificationRenderer renderer)
    {
        var recipientId = context.RequireAccountId();
        var page = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (ParseQuery(body, page) is not { } query)
        {
            return MastodonResponses.Json<IReadOnlyList<Mastodon.Notification>>([], MastodonJson.Context.IReadOnlyListNotification);
        }

        var list = await grains.GetGrain<INotificationsGrain>(recipientId).ListAsync(query);
        if (!list.IsEmpty)
        {
            LinkHeader.Set(context, list[0].Id, list[^1].Id);
        }

        var rendered = await renderer.RenderManyAsync(list, recipientId, RequestOrigin.Get(context.Request));
        return MastodonResponses.Json<IReadOnlyList<Mastodon.Notification>>(rendered, MastodonJson.Context.IReadOnlyListNotification);
    }

    private static async Task<IResult> ListGroupedAsync(
        HttpContext context, IGrainFactory grains, AccountRenderer accounts, StatusRenderer statuses)
    {
        var recipientId = context.RequireAccountId();
        var page = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var partialAvatars = PartialAvatars(body);
        var groups = ParseQuery(body, page) is { } query
            ? await GroupAsync(grains.GetGrain<INotificationsGrain>(recipientId), query, page.Limit, GroupedTypes(body))
            : new NotificationGroups();
        if (groups.NewestTaken is { } newest)
        {
            LinkHeader.Set(context, newest, groups.OldestTaken);
        }

        var results = await RenderAsync(groups.Groups, recipientId, RequestOrigin.Get(context.Request), accounts, statuses, partialAvatars);
        return MastodonResponses.Json(results, MastodonJson.Context.GroupedNotificationsResults);
    }

    // Mastodon's expand_accounts: "full" (the default) or "partial_avatars"; anything else is a 400.
    private static bool PartialAvatars(RequestBody body) => body.GetString("expand_accounts") switch
    {
        null or "" or "full" => false,
        "partial_avatars" => true,
        var other => throw new ApiException(
            StatusCodes.Status400BadRequest, $"Invalid value for 'expand_accounts': '{other}', allowed values are 'full' and 'partial_avatars'"),
    };

    // Groups with, once each, the accounts and statuses they name. As in the ungrouped list, a group whose status or
    // accounts are gone or hidden is left out.
    // With partialAvatars, as Mastodon's: full accounts for each group's most recent sample, short ones for the rest.
    private static async Task<GroupedNotificationsResults> RenderAsync(
        IReadOnlyList<NotificationGroups.Group> groups,
        long recipientId,
        string origin,
        AccountRenderer accounts,
        StatusRenderer statuses,
        bool partialAvatars = false)
    {
        var rendered = new List<NotificationGroup>(groups.Count);
        var accountsById = new Dictionary<long, Account>();
        var statusesById = new Dictionary<long, Status>();
        foreach (var group in groups)
        {
            var statusId = group.Newest.StatusId;
            if (statusId is { } id && !statusesById.ContainsKey(id))
            {
                if (await statuses.LoadAsync(id, recipientId, origin) is not { } status)
                {
                    continue;
                }

                statusesById[id] = status;
            }

            var samples = new List<string>(group.SampleAccountIds.Count);
            foreach (var accountId in group.SampleAccountIds)
            {
                if (accountsById.ContainsKey(accountId) || await accounts.LoadAsync(accountId, origin) is { } account && accountsById.TryAdd(accountId, account))
                {
                    samples.Add(accountId.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (samples.Count == 0)
            {
                continue;
            }

            rendered.Add(new NotificationGroup
            {
                GroupKey = group.Key,
                NotificationsCount = group.Count,
                Type = NotificationRenderer.TypeName(group.Newest.Type),
                MostRecentNotificationId = group.Newest.Id.ToString(CultureInfo.InvariantCulture),
                PageMaxId = group.Newest.Id.ToString(CultureInfo.InvariantCulture),
                PageMinId = group.OldestId.ToString(CultureInfo.InvariantCulture),
                LatestPageNotificationAt = MastodonDates.Timestamp(group.Newest.CreatedAt),
                SampleAccountIds = samples,
                StatusId = statusId?.ToString(CultureInfo.InvariantCulture),
            });
        }

        if (!partialAvatars)
        {
            return new GroupedNotificationsResults { Accounts = [.. accountsById.Values], Statuses = [.. statusesById.Values], NotificationGroups = rendered };
        }

        var full = rendered.Select(group => group.SampleAccountIds[0]).ToHashSet();
        return new GroupedNotificationsResults
        {
            Accounts = [.. accountsById.Values.Where(account => full.Contains(account.Id))],
            PartialAccounts = [.. accountsById.Values.Where(account => !full.Contains(account.Id)).Select(PartialAccountWithAvatar.From)],
            Statuses = [.. statusesById.Values],
            NotificationGroups = rendered,
        };
    }

    // Reads batches until the page holds `limit` groups. A min_id or since_id page is read in one batch, so what is
    // next to the bound is not skipped.
    private static async Task<NotificationGroups> GroupAsync(
        INotificationsGrain grain, NotificationQuery query, int limit, ImmutableArray<NotificationType> groupedTypes)
    {
        var groups = new NotificationGroups();
        var upwards = query.Page.MinId is not null || query.Page.SinceId is not null;
        var batch = query with { Page = query.Page with { Limit = upwards ? limit : GroupingBatch } };
        for (var round = 0; round < GroupingBatches; round++)
        {
            var list = await grain.ListAsync(batch);
            if (!groups.Take(list, limit, groupedTypes) || upwards || list.Length < batch.Page.Limit)
            {
                break;
            }

            batch = batch with { Page = batch.Page with { MaxId = list[^1].Id } };
        }

        return groups;
    }

    private static async Task<IResult> GetGroupAsync(
        [FromRoute(Name = "group_key")] string groupKey, HttpContext context, IGrainFactory grains, AccountRenderer accounts, StatusRenderer statuses)
    {
        var recipientId = context.RequireAccountId();
        if (!NotificationGroupKey.TryQuery(groupKey, PageRequest.Newest(GroupingBatch * GroupingBatches), out var query, out var groupedType))
        {
            return ApiErrors.NotFound();
        }

        // Every notification read shares the key, so they fold into one group.
        var groups = new NotificationGroups();
        groups.Take(await grains.GetGrain<INotificationsGrain>(recipientId).ListAsync(query), 1, groupedType is { } type ? [type] : []);
        var results = await RenderAsync(groups.Groups, recipientId, RequestOrigin.Get(context.Request), accounts, statuses);
        return results.NotificationGroups.Count == 0
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(results, MastodonJson.Context.GroupedNotificationsResults);
    }

    private static async Task<IResult> ListGroupAccountsAsync(
        [FromRoute(Name = "group_key")] string groupKey, HttpContext context, IGrainFactory grains, AccountRenderer accounts)
    {
        var recipientId = context.RequireAccountId();
        var page = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        var rendered = new List<Account>();
        if (NotificationGroupKey.TryQuery(groupKey, page, out var query, out _))
        {
            var list = await grains.GetGrain<INotificationsGrain>(recipientId).ListAsync(query);
            if (!list.IsEmpty)
            {
                LinkHeader.Set(context, list[0].Id, list[^1].Id);
            }

            var origin = RequestOrigin.Get(context.Request);
            foreach (var notification in list)
            {
                if (await accounts.LoadAsync(notification.FromAccountId, origin) is { } account)
                {
                    rendered.Add(account);
                }
            }
        }

        return MastodonResponses.Json<IReadOnlyList<Account>>(rendered, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> DismissGroupAsync([FromRoute(Name = "group_key")] string groupKey, HttpContext context, IGrainFactory grains)
    {
        var recipientId = context.RequireAccountId();

        // Every notification of the group: the delete takes the query's bounds, not its limit.
        if (NotificationGroupKey.TryQuery(groupKey, PageRequest.Newest(GroupingBatch), out var query, out _))
        {
            await grains.GetGrain<INotificationsGrain>(recipientId).DismissMatchingAsync(query);
        }

        return MastodonResponses.EmptyObject();
    }

    private static async Task<IResult> UnreadCountAsync(HttpContext context, IGrainFactory grains)
    {
        var limit = PageQuery.Parse(context.Request, DefaultUnreadLimit, MaxUnreadLimit).Limit;
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var list = await ReadUnreadAsync(context, grains, body, limit);
        return MastodonResponses.Json(new UnreadCount { Count = list.Length }, MastodonJson.Context.UnreadCount);
    }

    private static async Task<IResult> UnreadGroupCountAsync(HttpContext context, IGrainFactory grains)
    {
        var limit = PageQuery.Parse(context.Request, DefaultUnreadLimit, MaxUnreadLimit).Limit;
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var list = await ReadUnreadAsync(context, grains, body, MaxUnreadLimit);
        var groups = new NotificationGroups();
        groups.Take(list, limit, GroupedTypes(body));
        return MastodonResponses.Json(new UnreadCount { Count = groups.Groups.Count }, MastodonJson.Context.UnreadCount);
    }

    // The newest unread notifications the filters match: those after the notifications marker, or all without one.
    private static async Task<ImmutableArray<GrainInterfaces.Notifications.Notification>> ReadUnreadAsync(
        HttpContext context, IGrainFactory grains, RequestBody body, int count)
    {
        var recipientId = context.RequireAccountId();
        var lastRead = await grains.GetGrain<IMarkersGrain>(recipientId).GetLastReadIdAsync("notifications");
        var page = new PageRequest(MaxId: null, SinceId: lastRead, MinId: null, Limit: count);
        return ParseQuery(body, page) is { } query ? await grains.GetGrain<INotificationsGrain>(recipientId).ListAsync(query) : [];
    }

    private static ImmutableArray<NotificationType> GroupedTypes(RequestBody body) =>
        body.Has("grouped_types") ? ParseTypes(body.GetStrings("grouped_types")) : s_defaultGroupedTypes;

    /// <summary>The list's filters; null when it can match nothing (only types Weft never produces were asked for).</summary>
    private static NotificationQuery? ParseQuery(RequestBody body, PageRequest page)
    {
        var types = ParseTypes(body.GetStrings("types"));
        if (types.IsEmpty && body.GetStrings("types").Count > 0)
        {
            return null;
        }

        var excludeTypes = ParseTypes(body.GetStrings("exclude_types"));
        long? fromAccountId = body.GetString("account_id") is { Length: > 0 } accountId ? RouteIds.Parameter(accountId, "account_id") : null;
        return new NotificationQuery(page, types, excludeTypes, fromAccountId);
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
