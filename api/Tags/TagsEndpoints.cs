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

        return MastodonResponses.Json(
            new Tag { Name = tag, Url = TagUrl(RequestOrigin.Get(context.Request), tag) }, MastodonJson.Context.Tag);
    }

    /// <summary>The tag's page, as statuses link it.</summary>
    private static string TagUrl(string origin, string tag) => origin + "/tags/" + Uri.EscapeDataString(tag);
}
