using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;

namespace Weft.Api.Tags;

/// <summary>GET /api/v1/tags/:name.</summary>
public static class TagsEndpoints
{
    public static IEndpointRouteBuilder MapTagsEndpoints(this IEndpointRouteBuilder app)
    {
        // Public as in Mastodon, which checks no scope for showing a tag.
        app.MapGroup("/api/v1/tags").WithTags("Tags")
            .MapGet("/{name}", Show)
            .Produces<Tag>()
            .WithSummary("A hashtag (any valid name, used or not); 404 for a malformed name.");
        return app;
    }

    private static IResult Show(HttpContext context, string name)
    {
        if (TagName.Normalize(name) is not { } tag)
        {
            return ApiErrors.NotFound();
        }

        return MastodonResponses.Json(Entity(context, tag), MastodonJson.Context.Tag);
    }

    /// <summary>
    /// The Tag entity of a (normalized) name, its URL the tag's page as statuses link it; <c>following</c> only for a
    /// signed-in user.
    /// </summary>
    public static Tag Entity(HttpContext context, string tag) => new()
    {
        Name = tag,
        Url = RequestOrigin.Get(context.Request) + "/tags/" + Uri.EscapeDataString(tag),
        Following = context.GetAccountId() is null ? null : false,
    };
}
