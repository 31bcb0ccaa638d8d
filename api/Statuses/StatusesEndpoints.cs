using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Auth;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Statuses;

/// <summary>/api/v1/statuses/*: post, read, delete, thread context, and favourite/reblog/bookmark actions.</summary>
public static class StatusesEndpoints
{
    private const int MaxAccountsListed = 80;

    // GET /api/v1/statuses?id[]= reads at most this many (Mastodon's limit).
    private const int MaxStatusesPerRequest = 20;

    public static IEndpointRouteBuilder MapStatusesEndpoints(this IEndpointRouteBuilder app)
    {
        var statuses = app.MapGroup("/api/v1/statuses").WithTags("Statuses");
        statuses.MapPost("", PostAsync)
            .RequireScope("write:statuses")
            .AcceptsFields(typeof(PostStatusFields))
            .WithHeader("Idempotency-Key", "Retrying with the same key (of any length) returns the status posted the first time.")
            .Produces<Status>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound)
            .WithSummary("Posts a status (404 if the status replied to is not found).");
        statuses.MapGet("/{id}", GetAsync).RequireScopeIfToken("read:statuses").Produces<Status>().WithSummary("A status.");
        statuses.MapGet("", GetManyAsync)
            .RequireScopeIfToken("read:statuses")
            .WithQuery("id[]", $"The statuses' ids (at most {MaxStatusesPerRequest}).", Microsoft.OpenApi.JsonSchemaType.Array)
            .Produces<IReadOnlyList<Status>>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Several statuses, in the order asked; those missing or hidden from the viewer are left out.");
        statuses.MapPut("/{id}", EditAsync)
            .RequireScope("write:statuses")
            .AcceptsFields(typeof(EditStatusFields))
            .Produces<Status>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Edits the user's own status (text, content warning, sensitive, language); the old version goes to its history.");
        statuses.MapPost("/{id}/pin", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            PinAsync(id, context, grains, renderer, pin: true))
            .RequireScope("write:accounts")
            .Produces<Status>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Pins the user's own status to their profile (not reblogs or direct statuses; at most 5).");
        statuses.MapPost("/{id}/unpin", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            PinAsync(id, context, grains, renderer, pin: false))
            .RequireScope("write:accounts")
            .Produces<Status>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Unpins a status.");
        statuses.MapGet("/{id}/source", SourceAsync)
            .RequireScope("read:statuses") // a user's token, as Mastodon's doorkeeper_authorize!: never anonymous
            .Produces<StatusSource>()
            .WithSummary("A status's text and content warning as written, for editing.");
        statuses.MapGet("/{id}/history", HistoryAsync)
            .RequireScopeIfToken("read:statuses")
            .Produces<IReadOnlyList<StatusEditEntity>>()
            .WithSummary("Every version of a status, oldest first, the current one last.");
        statuses.MapDelete("/{id}", DeleteAsync)
            .RequireScope("write:statuses")
            .Produces<Status>()
            .WithSummary("Deletes the user's own status; the answer carries its source text, for redrafting.");
        statuses.MapGet("/{id}/context", ContextAsync)
            .RequireScopeIfToken("read:statuses")
            .Produces<Context>()
            .WithSummary("The statuses above and below a status in its thread.");
        statuses.MapGet("/{id}/favourited_by", FavouritedByAsync)
            .RequireScopeIfToken("read:accounts")
            .Paged(defaultLimit: 40, maxLimit: MaxAccountsListed)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("Accounts that favourited a status, newest first; paged by the favourite's id (Link header).");
        statuses.MapGet("/{id}/reblogged_by", RebloggedByAsync)
            .RequireScopeIfToken("read:accounts")
            .Paged(defaultLimit: 40, maxLimit: MaxAccountsListed)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("Accounts that reblogged a status, newest first; paged by the reblog's id (Link header).");
        statuses.MapPost("/{id}/favourite", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            ActAsync(id, context, grains, renderer, static (status, actor) => status.FavouriteAsync(actor)))
            .RequireScope("write:favourites").Produces<Status>().WithSummary("Favourites a status (again: no change).");
        statuses.MapPost("/{id}/unfavourite", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            ActAsync(id, context, grains, renderer, static (status, actor) => status.UnfavouriteAsync(actor)))
            .RequireScope("write:favourites").Produces<Status>().WithSummary("Removes a favourite.");
        statuses.MapPost("/{id}/bookmark", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            ActAsync(id, context, grains, renderer, static (status, actor) => status.BookmarkAsync(actor)))
            .RequireScope("write:bookmarks").Produces<Status>().WithSummary("Bookmarks a status.");
        statuses.MapPost("/{id}/unbookmark", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            ActAsync(id, context, grains, renderer, static (status, actor) => status.UnbookmarkAsync(actor)))
            .RequireScope("write:bookmarks").Produces<Status>().WithSummary("Removes a bookmark.");
        statuses.MapPost("/{id}/unreblog", (string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer) =>
            ActAsync(id, context, grains, renderer, static (status, actor) => status.UnreblogAsync(actor)))
            .RequireScope("write:statuses").Produces<Status>().WithSummary("Undoes a reblog; answers the original status.");
        statuses.MapPost("/{id}/reblog", ReblogAsync)
            .RequireScope("write:statuses")
            .AcceptsFields(typeof(ReblogFields), required: false)
            .Produces<Status>()
            .WithSummary("Reblogs a status; answers the reblog, with the original inside.");
        return app;
    }

    private static async Task<IResult> PostAsync(HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (ContentProblem(body) is { } problem)
        {
            return ApiErrors.Unprocessable(problem);
        }

        var (text, spoilerText, language) = (body.GetString("status")!, body.GetString("spoiler_text") ?? "", Language(body));
        StatusVisibility? visibility = null;
        if (body.GetString("visibility") is { Length: > 0 } visibilityName)
        {
            if (!StatusRenderer.TryParseVisibility(visibilityName, out var named))
            {
                return ApiErrors.Unprocessable("Validation failed: Visibility is not included in the list");
            }

            visibility = named;
        }

        long? inReplyToId = null;
        if (body.GetString("in_reply_to_id") is { Length: > 0 } replyTo)
        {
            inReplyToId = RouteIds.Path(replyTo);
        }

        var grant = context.GetTokenGrant()!;
        var application = await grains.GetGrain<IClientAppGrain>(grant.ClientId).GetAsync();
        // What the client leaves out (null here) the account grain fills from the account's posting defaults.
        var draft = new StatusDraft(text, visibility, inReplyToId, spoilerText, body.GetBool("sensitive"), language, application?.Name);
        var idempotencyKey = IdempotencyKey.FromHeader(context.Request.Headers["Idempotency-Key"].ToString());

        var accountId = context.RequireAccountId();
        var result = await grains.GetGrain<IAccountGrain>(accountId).PostStatusAsync(draft, idempotencyKey);
        if (result.Status is not { } posted)
        {
            return result.Error is PostStatusError.ReplyTargetNotFound or PostStatusError.IdempotentStatusDeleted
                ? ApiErrors.NotFound()
                : ApiErrors.Unprocessable("Validation failed: Account not found");
        }

        var status = await renderer.RenderPostedAsync(posted, RequestOrigin.Get(context.Request));
        return status is null ? ApiErrors.NotFound() : MastodonResponses.Json(status, MastodonJson.Context.Status);
    }

    private static async Task<IResult> EditAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var statusId = RouteIds.Path(id);
        var actorId = context.RequireAccountId();
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (ContentProblem(body) is { } problem)
        {
            // A missing, invisible or someone else's status is "not found" whatever its new text, as in Mastodon.
            var current = await grains.GetGrain<IStatusGrain>(statusId).GetAsync(actorId);
            return current?.Status.AccountId == actorId ? ApiErrors.Unprocessable(problem) : ApiErrors.NotFound();
        }

        var (text, spoilerText, language) = (body.GetString("status")!, body.GetString("spoiler_text") ?? "", Language(body));
        var draft = new StatusDraft(text, StatusVisibility.Public, null, spoilerText, body.GetBool("sensitive") ?? false, language, null);
        var result = await grains.GetGrain<IAccountGrain>(actorId).EditStatusAsync(statusId, draft);

        // Someone else's status is "not found", as in Mastodon (it looks among the caller's own statuses).
        var status = result.View is { } view ? await renderer.RenderAsync(view, actorId, RequestOrigin.Get(context.Request)) : null;
        return status is null ? ApiErrors.NotFound() : MastodonResponses.Json(status, MastodonJson.Context.Status);
    }

    private static async Task<IResult> PinAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer, bool pin)
    {
        var statusId = RouteIds.Path(id);
        var actorId = context.RequireAccountId();
        var account = grains.GetGrain<IAccountGrain>(actorId);
        var result = pin ? await account.PinAsync(statusId) : await account.UnpinAsync(statusId);
        if (result.Error == StatusActionError.Forbidden)
        {
            return ApiErrors.Unprocessable("Validation failed: Only your own public, unlisted or private statuses can be pinned, at most 5");
        }

        var status = result.View is { } view ? await renderer.RenderAsync(view, actorId, RequestOrigin.Get(context.Request)) : null;
        return status is null ? ApiErrors.NotFound() : MastodonResponses.Json(status, MastodonJson.Context.Status);
    }

    private static async Task<IResult> SourceAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var view = await grains.GetGrain<IStatusGrain>(RouteIds.Path(id)).GetAsync(context.GetViewerId());
        return view is null
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(new StatusSource { Id = id, Text = view.Status.Text, SpoilerText = view.Status.SpoilerText }, MastodonJson.Context.StatusSource);
    }

    private static async Task<IResult> HistoryAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer accounts)
    {
        var statusId = RouteIds.Path(id);
        var status = grains.GetGrain<IStatusGrain>(statusId);
        var viewerId = context.GetViewerId();
        var origin = RequestOrigin.Get(context.Request);
        if (await status.GetAsync(viewerId) is not { } view || await status.GetHistoryAsync(viewerId) is not { } history
            || await accounts.LoadAsync(view.Status.AccountId, origin) is not { } author)
        {
            return ApiErrors.NotFound();
        }

        var versions = history.Select(version => new StatusEditEntity
        {
            Content = HtmlText.FormatStatus(version.Text, version.Mentions, version.Tags, origin),
            SpoilerText = version.SpoilerText,
            Sensitive = version.Sensitive,
            CreatedAt = MastodonDates.Timestamp(version.At),
            Account = author,
        }).ToList();
        return MastodonResponses.Json<IReadOnlyList<StatusEditEntity>>(versions, MastodonJson.Context.IReadOnlyListStatusEditEntity);
    }

    /// <summary>Why the content of a new or edited status is refused (422), or null if it is acceptable.</summary>
    private static string? ContentProblem(RequestBody body)
    {
        var text = body.GetString("status") ?? "";
        var spoilerText = body.GetString("spoiler_text") ?? "";
        if (body.GetStrings("media_ids").Count > 0)
        {
            return "Validation failed: Media attachments are not supported yet";
        }

        if (body.HasValue("poll") || body.HasValue("poll[options][]") || body.HasValue("poll[options]"))
        {
            return "Validation failed: Polls are not supported yet";
        }

        if (body.Has("scheduled_at") && !string.IsNullOrEmpty(body.GetString("scheduled_at")))
        {
            return "Validation failed: Scheduled statuses are not supported yet";
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return "Validation failed: Text can't be blank";
        }

        // Every URL counts 23 however long, so only a text far beyond any valid one is refused before counting.
        return text.Length > 100_000 || spoilerText.Length > 100_000 || StatusLength.Count(text, spoilerText) > StatusLength.MaxCharacters
            ? $"Validation failed: Text character limit of {StatusLength.MaxCharacters} exceeded"
            : null;
    }

    // A language code as Mastodon takes it (LanguageCodes): a known one, else its language without the region (en-US is
    // en); an unknown one is dropped rather than stored.
    private static string? Language(RequestBody body) => LanguageCodes.Normalize(body.GetString("language"));

    private static async Task<IResult> GetAsync(string id, HttpContext context, StatusRenderer renderer)
    {
        var status = await renderer.LoadAsync(RouteIds.Path(id), context.GetViewerId(), RequestOrigin.Get(context.Request));
        return status is null ? ApiErrors.NotFound() : MastodonResponses.Json(status, MastodonJson.Context.Status);
    }

    private static async Task<IResult> GetManyAsync(HttpContext context, StatusRenderer renderer)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var ids = RouteIds.Parameters(body.GetStrings("id"), "id[]", MaxStatusesPerRequest);
        return await renderer.LoadListAsync(ids, context.GetViewerId(), RequestOrigin.Get(context.Request));
    }

    private static async Task<IResult> DeleteAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var actorId = context.RequireAccountId();
        var result = await grains.GetGrain<IStatusGrain>(RouteIds.Path(id)).DeleteAsync(actorId);

        // Someone else's status is "not found", as in Mastodon (it looks among the caller's own statuses).
        if (result.View is not { } view)
        {
            return ApiErrors.NotFound();
        }

        var status = await renderer.RenderAsync(view, actorId, RequestOrigin.Get(context.Request));
        return status is null
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(StatusRenderer.WithSourceText(status, view.Status.Text), MastodonJson.Context.Status);
    }

    private static async Task<IResult> ContextAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var viewerId = context.GetViewerId();
        var thread = await grains.GetGrain<IStatusGrain>(RouteIds.Path(id)).GetContextAsync(viewerId);
        if (thread is null)
        {
            return ApiErrors.NotFound();
        }

        // Muted accounts' statuses leave the thread, as in Mastodon.
        var muted = await renderer.MutedByAsync(viewerId);
        var origin = RequestOrigin.Get(context.Request);
        var result = new Context
        {
            Ancestors = await renderer.RenderManyAsync([.. thread.Ancestors.Where(v => !StatusRenderer.Involves(v.Status, muted))], viewerId, origin),
            Descendants = await renderer.RenderManyAsync([.. thread.Descendants.Where(v => !StatusRenderer.Involves(v.Status, muted))], viewerId, origin),
        };
        return MastodonResponses.Json(result, MastodonJson.Context.Context);
    }

    private static Task<IResult> FavouritedByAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer) =>
        MarkersAsync(id, context, grains, renderer, static (status, viewer, page) => status.GetFavouritedByAsync(viewer, page));

    private static Task<IResult> RebloggedByAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer) =>
        MarkersAsync(id, context, grains, renderer, static (status, viewer, page) => status.GetRebloggedByAsync(viewer, page));

    // Paged like Mastodon's: by the favourite's (or reblog's) id, which the Link header carries.
    private static async Task<IResult> MarkersAsync(
        string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer, Func<IStatusGrain, long, PageRequest, Task<Page<long>>> list)
    {
        var viewerId = context.GetViewerId();
        var pageRequest = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: MaxAccountsListed);
        var status = grains.GetGrain<IStatusGrain>(RouteIds.Path(id));
        if (await status.GetAsync(viewerId) is null)
        {
            return ApiErrors.NotFound();
        }

        var page = await list(status, viewerId, pageRequest);
        LinkHeader.SetForAccounts(context, page.NewestCursor, page.OldestCursor, page.Items.Length, pageRequest.Limit);
        var accounts = await renderer.LoadManyAsync(page.Items, RequestOrigin.Get(context.Request));
        return MastodonResponses.Json(accounts, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> ReblogAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var statusId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        StatusVisibility visibility;
        if (body.GetString("visibility") is { Length: > 0 } name)
        {
            if (!StatusRenderer.TryParseBroadcastVisibility(name, out visibility))
            {
                return ApiErrors.Unprocessable("Validation failed: Visibility is not included in the list");
            }
        }
        else
        {
            // As Mastodon's ReblogService: the account's default privacy when the client names none.
            visibility = (await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).GetPostingDefaultsAsync()).Visibility;
        }

        return await ActAsync(statusId, context, grains, renderer, (status, actor) => status.ReblogAsync(actor, visibility));
    }

    private static Task<IResult> ActAsync(
        string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer, Func<IStatusGrain, long, Task<StatusActionResult>> action) =>
        ActAsync(RouteIds.Path(id), context, grains, renderer, action);

    private static async Task<IResult> ActAsync(
        long statusId, HttpContext context, IGrainFactory grains, StatusRenderer renderer, Func<IStatusGrain, long, Task<StatusActionResult>> action)
    {
        var actorId = context.RequireAccountId();
        var result = await action(grains.GetGrain<IStatusGrain>(statusId), actorId);
        switch (result.Error)
        {
            case StatusActionError.NotFound:
                return ApiErrors.NotFound();
            case StatusActionError.Forbidden:
                return ApiErrors.Forbidden("This action is not allowed");
        }

        var status = result.View is { } view ? await renderer.RenderAsync(view, actorId, RequestOrigin.Get(context.Request)) : null;
        return status is null ? ApiErrors.NotFound() : MastodonResponses.Json(status, MastodonJson.Context.Status);
    }
}
