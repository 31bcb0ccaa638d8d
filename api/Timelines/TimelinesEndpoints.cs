using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Timelines;
using Microsoft.OpenApi;
using Weft.Api.OpenApi;

namespace Weft.Api.Timelines;

/// <summary>GET /api/v1/timelines/home and /api/v1/timelines/public.</summary>
public static class TimelinesEndpoints
{
    public static IEndpointRouteBuilder MapTimelinesEndpoints(this IEndpointRouteBuilder app)
    {
        var timelines = app.MapGroup("/api/v1/timelines").WithTags("Timelines");
        timelines.MapGet("/home", HomeAsync)
            .RequireScope("read:statuses")
            .Paged()
            .Produces<IReadOnlyList<Mastodon.Status>>()
            .Produces<IReadOnlyList<Mastodon.Status>>(StatusCodes.Status206PartialContent)
            .WithSummary("Statuses from the user and the accounts they follow, newest first (206 while the timeline is being rebuilt).");
        timelines.MapGet("/public", PublicAsync)
            .RequireScopeIfToken("read:statuses")
            .Paged()
            .WithQuery("local", "Only local statuses (every account is local).", JsonSchemaType.Boolean)
            .WithQuery("remote", "Only remote statuses (none: no federation yet).", JsonSchemaType.Boolean)
            .WithQuery("only_media", "Only statuses with media (none yet).", JsonSchemaType.Boolean)
            .Produces<IReadOnlyList<Mastodon.Status>>()
            .WithSummary("Public statuses, newest first.");
        return app;
    }

    /// <summary>
    /// The hot path: one read of the timeline grain, then status and account grains answered from memory, rendered
    /// from caches and serialized straight into the response. 206 while the timeline is being rebuilt, as Mastodon does.
    /// </summary>
    private static async Task<IResult> HomeAsync(HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var viewerId = context.RequireAccountId();
        var page = await grains.GetGrain<IHomeTimelineGrain>(viewerId).ReadAsync(PageQuery.Parse(context.Request));
        var entries = page.Entries;
        var ids = new long[entries.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = entries[i].StatusId;
        }

        if (ids.Length > 0)
        {
            LinkHeader.Set(context, ids[0], ids[^1]);
        }

        return await renderer.LoadListAsync(
            ids, viewerId, RequestOrigin.Get(context.Request), page.Regenerating ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK);
    }

    private static async Task<IResult> PublicAsync(HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var pageRequest = PageQuery.Parse(context.Request);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);

        // Every account is local and no status has media yet.
        if (body.GetBool("remote") == true || body.GetBool("only_media") == true)
        {
            return MastodonResponses.Json<IReadOnlyList<Mastodon.Status>>([], MastodonJson.Context.IReadOnlyListStatus);
        }

        _ = body.GetBool("local");
        var ids = await grains.GetGrain<IPublicTimelineGrain>(0).ReadAsync(pageRequest);
        if (!ids.IsEmpty)
        {
            LinkHeader.Set(context, ids[0], ids[^1]);
        }

        return await renderer.LoadListAsync(ids, context.GetViewerId(), RequestOrigin.Get(context.Request));
    }
}
