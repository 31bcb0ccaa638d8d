using System.Collections.Immutable;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Timelines;
using Microsoft.OpenApi;
using Weft.Api.OpenApi;
using Weft.Api.Tags;

namespace Weft.Api.Timelines;

/// <summary>GET /api/v1/timelines/home, /api/v1/timelines/public and /api/v1/timelines/tag/:hashtag.</summary>
public static class TimelinesEndpoints
{
    // Mastodon's TagFeed reads at most this many names from each of any[], all[] and none[].
    private const int MaxTagsPerParameter = 4;

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
            .WithSummary("Public statuses, newest first, without replies to other accounts (a thread's own continuation stays), as Mastodon's public feed.");
        timelines.MapGet("/tag/{hashtag}", TagAsync)
            .RequireScopeIfToken("read:statuses")
            .Paged()
            .WithQuery("any[]", "Also statuses with any of these tags.", JsonSchemaType.Array)
            .WithQuery("all[]", "Only statuses that also have all of these tags.", JsonSchemaType.Array)
            .WithQuery("none[]", "Only statuses that have none of these tags.", JsonSchemaType.Array)
            .WithQuery("local", "Only local statuses (every account is local).", JsonSchemaType.Boolean)
            .WithQuery("remote", "Only remote statuses (none: no federation yet).", JsonSchemaType.Boolean)
            .WithQuery("only_media", "Only statuses with media (none yet).", JsonSchemaType.Boolean)
            .Produces<IReadOnlyList<Mastodon.Status>>()
            .WithSummary("Public statuses with the hashtag (given with or without '#', any case), newest first; none for a malformed one.");
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
            return NoStatuses();
        }

        _ = body.GetBool("local");
        var timeline = grains.GetGrain<IPublicTimelineGrain>(0);
        return await RenderPageAsync(context, renderer, pageRequest, async bounds => await timeline.ReadAsync(bounds));
    }

    private static async Task<IResult> TagAsync(HttpContext context, string hashtag, IGrainFactory grains, StatusRenderer renderer)
    {
        var pageRequest = PageQuery.Parse(context.Request);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        _ = body.GetBool("local");
        var remote = body.GetBool("remote") == true;
        var onlyMedia = body.GetBool("only_media") == true;

        // A malformed name is on no status: Mastodon finds nothing rather than failing. So all[] with one matches
        // nothing, while in any[] and none[] it adds nothing. Every account is local and no status has media yet.
        if (TagName.Normalize(hashtag) is not { } tag || !AddNames(body.GetStrings("all"), out var all) || remote || onlyMedia)
        {
            return NoStatuses();
        }

        AddNames([tag, .. body.GetStrings("any")], out var any);
        AddNames(body.GetStrings("none"), out var none);
        var timeline = grains.GetGrain<ITagTimelineGrain>(0);
        return await RenderPageAsync(
            context, renderer, pageRequest, async bounds => await timeline.ReadAsync(new TagTimelineQuery(bounds, any, all, none)));
    }

    // A page of a public list for the viewer (anonymous or not), with Link headers around it.
    private static async Task<IResult> RenderPageAsync(
        HttpContext context, StatusRenderer renderer, PageRequest page, Func<PageRequest, Task<IReadOnlyList<long>>> read)
    {
        var (result, newest, oldest) = await renderer.LoadPageWithoutMutedAsync(page, read, context.GetViewerId(), RequestOrigin.Get(context.Request));
        LinkHeader.Set(context, newest, oldest);
        return result;
    }

    private static IResult NoStatuses() => MastodonResponses.Json<IReadOnlyList<Mastodon.Status>>([], MastodonJson.Context.IReadOnlyListStatus);

    /// <summary>
    /// The distinct valid names of <paramref name="raw"/>, lower case; false if one was malformed. At most
    /// <see cref="MaxTagsPerParameter"/> are read, as Mastodon does, so a request cannot make the query arbitrarily wide.
    /// </summary>
    private static bool AddNames(IReadOnlyList<string> raw, out ImmutableArray<string> names)
    {
        var builder = ImmutableArray.CreateBuilder<string>();
        var wellFormed = true;
        for (var i = 0; i < raw.Count && i < MaxTagsPerParameter; i++)
        {
            if (TagName.Normalize(raw[i]) is not { } name)
            {
                wellFormed = false;
            }
            else if (!builder.Contains(name))
            {
                builder.Add(name);
            }
        }

        names = builder.ToImmutable();
        return wellFormed;
    }
}
