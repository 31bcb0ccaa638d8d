using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Lists;
using Weft.GrainInterfaces.Paging;

namespace Weft.Api.Lists;

/// <summary>
/// /api/v1/lists: the user's lists of followed accounts (create, rename, delete, members), the lists that hold an
/// account (/api/v1/accounts/:id/lists) and a list's timeline (/api/v1/timelines/list/:list_id).
/// </summary>
public static class ListsEndpoints
{
    // Mastodon's limit on a list's title.
    private const int MaxTitleLength = 100;

    public static IEndpointRouteBuilder MapListsEndpoints(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/v1/lists").WithTags("Lists");
        lists.MapGet("", ListAsync)
            .RequireScope("read:lists")
            .Produces<IReadOnlyList<ListEntity>>()
            .WithSummary("The user's lists, oldest first.");
        lists.MapGet("/{id}", GetAsync)
            .RequireScope("read:lists")
            .Produces<ListEntity>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("One of the user's lists.");
        lists.MapPost("", CreateAsync)
            .RequireScope("write:lists")
            .AcceptsFields(typeof(ListFields))
            .Produces<ListEntity>()
            .ProducesErrors(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"Creates a list (at most {ListLimits.MaxLists} per user).");
        lists.MapPut("/{id}", UpdateAsync)
            .RequireScope("write:lists")
            .AcceptsFields(typeof(ListFields), required: false)
            .Produces<ListEntity>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Changes a list's title, replies policy or exclusive flag; what is not given stays.");
        lists.MapDelete("/{id}", DeleteAsync)
            .RequireScope("write:lists")
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Deletes a list.");
        lists.MapGet("/{id}/accounts", MembersAsync)
            .RequireScope("read:lists")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<Account>>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("A list's members, newest account first (limit=0 for all of them).");
        lists.MapPost("/{id}/accounts", AddMembersAsync)
            .RequireScope("write:lists")
            .AcceptsFields(typeof(ListAccountsFields))
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"Adds followed accounts to a list (all or none; at most {ListLimits.MaxMembers} members).");
        lists.MapDelete("/{id}/accounts", RemoveMembersAsync)
            .RequireScope("write:lists")
            .AcceptsFields(typeof(ListAccountsFields))
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Removes accounts from a list.");

        app.MapGet("/api/v1/accounts/{id}/lists", ContainingAsync)
            .WithTags("Lists")
            .RequireScope("read:lists")
            .Produces<IReadOnlyList<ListEntity>>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("The user's lists that hold the account.");
        app.MapGet("/api/v1/timelines/list/{list_id}", TimelineAsync)
            .WithTags("Timelines")
            .RequireScope("read:lists")
            .Paged()
            .Produces<IReadOnlyList<Status>>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Statuses from a list's members, newest first, replies as the list's policy says.");
        return app;
    }

    private static IListsGrain ListsOf(HttpContext context, IGrainFactory grains) => grains.GetGrain<IListsGrain>(context.RequireAccountId());

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains) =>
        RenderMany(await ListsOf(context, grains).GetAllAsync());

    private static async Task<IResult> GetAsync(string id, HttpContext context, IGrainFactory grains) =>
        await ListsOf(context, grains).GetAsync(RouteIds.Path(id)) is { } list ? Render(list) : ApiErrors.NotFound();

    private static async Task<IResult> CreateAsync(HttpContext context, IGrainFactory grains)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (ParseSettings(body, current: null, out var settings) is { } invalid)
        {
            return invalid;
        }

        return Answer(await ListsOf(context, grains).CreateAsync(settings));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var listId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var lists = ListsOf(context, grains);
        if (await lists.GetAsync(listId) is not { } current)
        {
            return ApiErrors.NotFound();
        }

        if (ParseSettings(body, current, out var settings) is { } invalid)
        {
            return invalid;
        }

        return Answer(await lists.UpdateAsync(listId, settings));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains) =>
        await ListsOf(context, grains).DeleteAsync(RouteIds.Path(id)) ? MastodonResponses.EmptyObject() : ApiErrors.NotFound();

    private static async Task<IResult> MembersAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer accounts)
    {
        var listId = RouteIds.Path(id);
        var all = context.Request.Query["limit"] == "0"; // Mastodon's way of asking for every member
        var page = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        if (await ListsOf(context, grains).GetMembersAsync(listId) is not { } members)
        {
            return ApiErrors.NotFound();
        }

        var taken = PageOfMembers(members, page, all);
        if (taken.Count > 0 && !all)
        {
            LinkHeader.SetForAccounts(context, taken[0], taken[^1], taken.Count, page.Limit);
        }

        var origin = RequestOrigin.Get(context.Request);
        var rendered = new List<Account>(taken.Count);
        foreach (var accountId in taken)
        {
            if (await accounts.LoadAsync(accountId, origin) is { } account)
            {
                rendered.Add(account);
            }
        }

        return MastodonResponses.Json<IReadOnlyList<Account>>(rendered, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> AddMembersAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var listId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var accountIds = ParseAccountIds(body);

        var change = await ListsOf(context, grains).AddMembersAsync(listId, accountIds);
        if (change.Error == ListError.NotFollowed)
        {
            // Only then: an account that does not exist is a 404, as in Mastodon (a followed one exists).
            foreach (var accountId in accountIds)
            {
                if (await grains.GetGrain<IAccountGrain>(accountId).GetAsync() is null)
                {
                    return ApiErrors.NotFound();
                }
            }
        }

        // As Mastodon (params.require): adding nobody is a 400, once the list is known to exist (a missing list stays 404).
        if (change.Error is null && accountIds.IsEmpty)
        {
            return ApiErrors.BadRequest("param is missing or the value is empty: account_ids");
        }

        return change.Error is null ? MastodonResponses.EmptyObject() : Error(change.Error.Value);
    }

    private static async Task<IResult> RemoveMembersAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var listId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var change = await ListsOf(context, grains).RemoveMembersAsync(listId, ParseAccountIds(body));
        return change.Error is null ? MastodonResponses.EmptyObject() : Error(change.Error.Value);
    }

    private static async Task<IResult> ContainingAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var accountId = RouteIds.Path(id);
        if (await grains.GetGrain<IAccountGrain>(accountId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        return RenderMany(await ListsOf(context, grains).GetContainingAsync(accountId));
    }

    private static async Task<IResult> TimelineAsync(
        [Microsoft.AspNetCore.Mvc.FromRoute(Name = "list_id")] string listId, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var id = RouteIds.Path(listId);
        var page = await ListsOf(context, grains).ReadTimelineAsync(id, PageQuery.Parse(context.Request));
        if (page is null)
        {
            return ApiErrors.NotFound();
        }

        if (page.NewestCursor is not null)
        {
            LinkHeader.Set(context, page.NewestCursor, page.OldestCursor);
        }

        return await renderer.LoadListAsync(page.Items, context.RequireAccountId(), RequestOrigin.Get(context.Request));
    }

    // The settings asked for, over the current ones when updating; an error answer if they are invalid.
    private static IResult? ParseSettings(RequestBody body, AccountList? current, out ListSettings settings)
    {
        settings = null!;
        var title = body.GetString("title")?.Trim() ?? current?.Title;
        if (string.IsNullOrEmpty(title))
        {
            return ApiErrors.Unprocessable("Validation failed: Title can't be blank");
        }

        if (title.Length > MaxTitleLength)
        {
            return ApiErrors.Unprocessable($"Validation failed: Title is too long (maximum is {MaxTitleLength} characters)");
        }

        var policy = current?.RepliesPolicy ?? ListRepliesPolicy.List;
        if (body.GetString("replies_policy") is { Length: > 0 } policyName && !TryParsePolicy(policyName, out policy))
        {
            return ApiErrors.Unprocessable("Validation failed: Replies policy is not included in the list");
        }

        settings = new ListSettings(title, policy, body.GetBool("exclusive") ?? current?.Exclusive ?? false);
        return null;
    }

    private static ImmutableArray<long> ParseAccountIds(RequestBody body) =>
        RouteIds.Parameters(body.GetStrings("account_ids"), "account_ids", ListLimits.MaxMembers);

    // Members by account id, newest first, as Mastodon pages them; the cursors are account ids.
    private static List<long> PageOfMembers(ImmutableArray<long> members, PageRequest page, bool all) =>
        (all ? page with { Limit = members.Length } : page).Take(members.OrderDescending(), id => id);

    private static IResult Answer(ListChange change) => change.List is { } list ? Render(list) : Error(change.Error!.Value);

    private static IResult Error(ListError error) => error switch
    {
        ListError.NotFound => ApiErrors.NotFound(),
        ListError.TooManyLists => ApiErrors.Unprocessable($"Validation failed: You cannot have more than {ListLimits.MaxLists} lists"),
        ListError.TooManyMembers => ApiErrors.Unprocessable($"Validation failed: A list cannot have more than {ListLimits.MaxMembers} members"),
        _ => ApiErrors.Unprocessable("Validation failed: Only accounts you follow can be added to a list"),
    };

    private static IResult Render(AccountList list) => MastodonResponses.Json(ToEntity(list), MastodonJson.Context.ListEntity);

    private static IResult RenderMany(ImmutableArray<AccountList> lists) =>
        MastodonResponses.Json<IReadOnlyList<ListEntity>>([.. lists.Select(ToEntity)], MastodonJson.Context.IReadOnlyListListEntity);

    private static ListEntity ToEntity(AccountList list) => new()
    {
        Id = list.Id.ToString(CultureInfo.InvariantCulture),
        Title = list.Title,
        RepliesPolicy = list.RepliesPolicy switch
        {
            ListRepliesPolicy.Followed => "followed",
            ListRepliesPolicy.None => "none",
            _ => "list",
        },
        Exclusive = list.Exclusive,
    };

    private static bool TryParsePolicy(string name, out ListRepliesPolicy policy)
    {
        switch (name)
        {
            case "followed": policy = ListRepliesPolicy.Followed; return true;
            case "list": policy = ListRepliesPolicy.List; return true;
            case "none": policy = ListRepliesPolicy.None; return true;
            default: policy = default; return false;
        }
    }
}
