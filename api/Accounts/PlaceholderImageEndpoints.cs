using Weft.Api.Mastodon;

namespace Weft.Api.Accounts;

/// <summary>
/// The avatar and header every account shows until uploads exist: a 1×1 grey PNG at the paths Mastodon uses for
/// missing images, so clients always get a loadable URL.
/// </summary>
public static class PlaceholderImageEndpoints
{
    private static readonly byte[] s_greyPixel = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGM4cOAAAASEAkHhja8nAAAAAElFTkSuQmCC");

    public static IEndpointRouteBuilder MapPlaceholderImageEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(AccountRenderer.MissingAvatarPath, Image);
        app.MapGet(AccountRenderer.MissingHeaderPath, Image);
        return app;
    }

    private static IResult Image(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.Bytes(s_greyPixel, "image/png");
    }
}
