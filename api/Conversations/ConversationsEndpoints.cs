using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Conversations;

namespace Weft.Api.Conversations;

/// <summary>/api/v1/conversations: the user's direct conversations, marking one read, and removing one.</summary>
public static class ConversationsEndpoints
{
    public static IEndpointRouteBuilder MapConversationsEndpoints(this IEndpointRouteBuilder app)
    {
        var conversations = app.MapGroup("/api/v1/conversations").WithTags("Conversations");
        conversations.MapGet("", ListAsync)
            .RequireScope("read:statuses")
            .Paged()
            .Produces<IReadOnlyList<ConversationEntity>>()
            .WithSummary("The user's conversations (direct statuses grouped by thread and participants), newest last status first.");
        conversations.MapPost("/{id}/read", MarkReadAsync)
            .RequireScope("write:conversations")
            .Produces<ConversationEntity>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Marks a conversation read.");
        conversations.MapDelete("/{id}", RemoveAsync)
            .RequireScope("write:conversations")
            .Produces<EmptyObject>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Removes a conversation from the list (its statuses stay; a new one brings it back).");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, IGrainFactory grains, ConversationRenderer renderer)
    {
        var viewerId = context.RequireAccountId();
        var page = await grains.GetGrain<IConversationsGrain>(viewerId).ListAsync(PageQuery.Parse(context.Request));
        if (page.NewestCursor is not null)
        {
            LinkHeader.Set(context, page.NewestCursor, page.OldestCursor);
        }

        var origin = RequestOrigin.Get(context.Request);
        var rendered = new List<ConversationEntity>(page.Items.Length);
        foreach (var conversation in page.Items)
        {
            if (await renderer.RenderAsync(conversation, viewerId, origin) is { } entity)
            {
                rendered.Add(entity);
            }
        }

        return MastodonResponses.Json<IReadOnlyList<ConversationEntity>>(rendered, MastodonJson.Context.IReadOnlyListConversationEntity);
    }

    private static async Task<IResult> MarkReadAsync(string id, HttpContext context, IGrainFactory grains, ConversationRenderer renderer)
    {
        var viewerId = context.RequireAccountId();
        var conversation = await grains.GetGrain<IConversationsGrain>(viewerId).MarkReadAsync(RouteIds.Path(id));
        var rendered = conversation is null ? null : await renderer.RenderAsync(conversation, viewerId, RequestOrigin.Get(context.Request));
        return rendered is null ? ApiErrors.NotFound() : MastodonResponses.Json(rendered, MastodonJson.Context.ConversationEntity);
    }

    private static async Task<IResult> RemoveAsync(string id, HttpContext context, IGrainFactory grains) =>
        await grains.GetGrain<IConversationsGrain>(context.RequireAccountId()).RemoveAsync(RouteIds.Path(id))
            ? MastodonResponses.EmptyObject()
            : ApiErrors.NotFound();
}
