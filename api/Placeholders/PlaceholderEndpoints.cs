using Weft.Api.Auth;

namespace Weft.Api.Placeholders;

/// <summary>
/// Valid, empty answers for what clients load at start-up but Weft does not have yet (filters, blocks,
/// announcements, custom emoji, trends), behind the same scopes Mastodon checks, so clients start cleanly.
/// </summary>
public static class PlaceholderEndpoints
{
    private const string EmptyArray = "[]";

    public static IEndpointRouteBuilder MapPlaceholderEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Not yet implemented (empty answers)");
        group.MapGet("/api/v1/blocks", () => Json(EmptyArray)).RequireScope("read:blocks").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/domain_blocks", () => Json(EmptyArray)).RequireScope("read:blocks").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/filters", () => Json(EmptyArray)).RequireScope("read:filters").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v2/filters", () => Json(EmptyArray)).RequireScope("read:filters").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/announcements", () => Json(EmptyArray)).RequireScope("read").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/follow_requests", () => Json(EmptyArray)).RequireScope("read:follows").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/followed_tags", () => Json(EmptyArray)).RequireScope("read:follows").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/featured_tags", () => Json(EmptyArray)).RequireScope("read:accounts").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v2/suggestions", () => Json(EmptyArray)).RequireScope("read").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/custom_emojis", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/tags", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/statuses", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/links", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        return app;
    }

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");
}
