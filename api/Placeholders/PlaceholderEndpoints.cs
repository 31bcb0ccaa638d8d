using System.Text.Json;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.GrainInterfaces.Accounts;

namespace Weft.Api.Placeholders;

/// <summary>
/// Valid, empty answers for what clients load at start-up or on a profile but Weft does not have yet (filters, blocks,
/// announcements, custom emoji, trends, featured tags and their suggestions, endorsements, scheduled statuses, filtered
/// notifications), behind the same scopes Mastodon checks, so clients start cleanly. Actions on those features
/// (uploading media, blocking, endorsing an account, muting a conversation, following a hashtag, creating a filter,
/// reporting an account) are refused with a 422 that says so, rather than a 404 a client would show as "not found".
/// </summary>
public static class PlaceholderEndpoints
{
    private const string EmptyArray = "[]";

    // Weft filters no notification: every category is accepted, and nothing is ever pending.
    private static readonly string s_notificationPolicyV2 = JsonSerializer.Serialize(new
    {
        for_not_following = "accept",
        for_not_followers = "accept",
        for_new_accounts = "accept",
        for_private_mentions = "accept",
        for_limited_accounts = "accept",
        summary = new { pending_requests_count = 0, pending_notifications_count = 0 },
    });

    private static readonly string s_notificationPolicyV1 = JsonSerializer.Serialize(new
    {
        filter_not_following = false,
        filter_not_followers = false,
        filter_new_accounts = false,
        filter_private_mentions = false,
        summary = new { pending_requests_count = 0, pending_notifications_count = 0 },
    });

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
        group.MapGet("/api/v1/featured_tags/suggestions", () => Json(EmptyArray)).RequireScope("read:accounts").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v2/suggestions", () => Json(EmptyArray)).RequireScope("read").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/suggestions", () => Json(EmptyArray)).RequireScope("read").Produces<IReadOnlyList<object>>();

        // Dismissing a suggestion (none are made): done, for an account that exists, as Mastodon answers.
        group.MapDelete("/api/v1/suggestions/{id}", DismissSuggestionAsync)
            .RequireScope("write:accounts")
            .Produces<object>()
            .ProducesErrors(StatusCodes.Status404NotFound);
        group.MapGet("/api/v1/custom_emojis", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/tags", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/statuses", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/trends/links", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/endorsements", () => Json(EmptyArray)).RequireScope("read:accounts").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/scheduled_statuses", () => Json(EmptyArray)).RequireScope("read:statuses").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/notifications/requests", () => Json(EmptyArray)).RequireScope("read:notifications").Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v2/notifications/policy", () => Json(s_notificationPolicyV2)).RequireScope("read:notifications").Produces<object>();
        group.MapGet("/api/v1/notifications/policy", () => Json(s_notificationPolicyV1)).RequireScope("read:notifications").Produces<object>();
        group.MapGet("/api/v1/instance/translation_languages", () => Json("{}")).Produces<object>();

        // The profile directory (accounts that opted in with discoverable) is not built: it answers an empty list.
        group.MapGet("/api/v1/directory", () => Json(EmptyArray)).Produces<IReadOnlyList<object>>();
        group.MapGet("/api/v1/accounts/{id}/featured_tags", FeaturedTagsOfAsync)
            .Produces<IReadOnlyList<object>>()
            .ProducesErrors(StatusCodes.Status404NotFound);

        Refuse(group, "/api/v1/media", "write:media", "Validation failed: Media attachments are not supported yet");
        Refuse(group, "/api/v2/media", "write:media", "Validation failed: Media attachments are not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/block", "write:blocks", "Blocking is not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/unblock", "write:blocks", "Blocking is not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/pin", "write:accounts", "Endorsing accounts is not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/unpin", "write:accounts", "Endorsing accounts is not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/endorse", "write:accounts", "Endorsing accounts is not supported yet");
        Refuse(group, "/api/v1/accounts/{id}/unendorse", "write:accounts", "Endorsing accounts is not supported yet");
        Refuse(group, "/api/v1/statuses/{id}/mute", "write:mutes", "Muting conversations is not supported yet");
        Refuse(group, "/api/v1/statuses/{id}/unmute", "write:mutes", "Muting conversations is not supported yet");
        Refuse(group, "/api/v1/tags/{name}/follow", "write:follows", "Following hashtags is not supported yet");
        Refuse(group, "/api/v1/tags/{name}/unfollow", "write:follows", "Following hashtags is not supported yet");
        Refuse(group, "/api/v1/reports", "write:reports", "Validation failed: Reports are not supported yet");
        Refuse(group, "/api/v1/filters", "write:filters", "Validation failed: Filters are not supported yet");
        Refuse(group, "/api/v2/filters", "write:filters", "Validation failed: Filters are not supported yet");
        return app;
    }

    // Left out of the OpenAPI document, which describes what the API does. A malformed id is still "Record not found".
    private static void Refuse(RouteGroupBuilder group, string pattern, string scope, string error) =>
        group.MapPost(pattern, (HttpContext context) =>
            {
                if (context.Request.RouteValues.TryGetValue("id", out var id))
                {
                    RouteIds.Path(id as string ?? "");
                }

                return ApiErrors.Unprocessable(error);
            })
            .RequireScope(scope)
            .ExcludeFromDescription();

    // Public, as Mastodon's; an account that does not exist is a 404 there too.
    private static async Task<IResult> FeaturedTagsOfAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IAccountGrain>(RouteIds.Path(id)).GetAsync() is null ? ApiErrors.NotFound() : Json(EmptyArray);

    private static async Task<IResult> DismissSuggestionAsync(string id, IGrainFactory grains) =>
        await grains.GetGrain<IAccountGrain>(RouteIds.Path(id)).GetAsync() is null ? ApiErrors.NotFound() : Json("{}");

    private static IResult Json(string json) => Results.Text(json, "application/json; charset=utf-8");
}
