using Microsoft.OpenApi;
using Weft.Api.Accounts;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Mastodon;
using Weft.Api.OpenApi;
using Weft.Api.Tags;
using Weft.GrainInterfaces.Queries;

namespace Weft.Api.Search;

/// <summary>
/// Finding accounts and hashtags: GET /api/v1/accounts/search and GET /api/v2/search. Weft matches local usernames by
/// prefix (a query like "@ali", "ali" or "alice@this.host") and hashtags in use by prefix ("#wef"); statuses are not
/// searchable yet, so that list is empty, except that with <c>resolve=true</c> a link to a profile or status on this
/// server finds that one (how clients open a pasted link).
/// </summary>
public static class SearchEndpoints
{

    public static IEndpointRouteBuilder MapSearchEndpoints(this IEndpointRouteBuilder app)
    {
        var search = app.MapGroup("").WithTags("Search");
        search.MapGet("/api/v1/accounts/search", AccountsAsync)
            .RequireScope("read:accounts")
            .WithSearchQuery(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("Local accounts whose username starts with q (shortest first), then those whose display name has a word starting with each word of q.");
        search.MapGet("/api/v2/search", SearchAsync)
            .RequireScopeIfToken("read:search")
            .WithSearchQuery(defaultLimit: 20, maxLimit: 40)
            .WithQuery("type", "accounts, statuses or hashtags; all when absent (statuses are not searchable yet).")
            .WithQuery("resolve", "Resolve a URL in q: a link to a profile or status on this server finds that one alone (needs a token; Weft does not federate, so other servers' links find nothing).", JsonSchemaType.Boolean)
            .Produces<SearchResults>()
            .WithSummary("Searches accounts by username prefix and display-name words, and hashtags in use by prefix; statuses are not searchable yet.");
        return app;
    }

    private static RouteHandlerBuilder WithSearchQuery(this RouteHandlerBuilder builder, int defaultLimit, int maxLimit) => builder
        .WithQuery("q", "A username, @username or username@this-domain, or the start of one; or words starting words of a display name.", required: true)
        .WithQuery("limit", $"How many accounts, {defaultLimit} by default, at most {maxLimit}.", JsonSchemaType.Integer)
        .WithQuery("offset", "How many matches to skip (needs a token on /api/v2/search).", JsonSchemaType.Integer)
        .WithQuery("following", "Only accounts the user follows.", JsonSchemaType.Boolean)
        .ProducesErrors(StatusCodes.Status400BadRequest);

    private static async Task<IResult> AccountsAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        var query = await SearchQuery.ReadAsync(context, defaultLimit: 40, maxLimit: 80);

        var accounts = await FindAccountsAsync(context, grains, renderer, query);
        return MastodonResponses.Json(accounts, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> SearchAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer, StatusRenderer statuses)
    {
        var query = await SearchQuery.ReadAsync(context, defaultLimit: 20, maxLimit: 40);

        // As Mastodon: paging through results, and asking to resolve remote resources, need a signed-in user.
        if (query.Offset > 0 && context.GetAccountId() is null)
        {
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "Search queries pagination is not supported without authentication");
        }

        if (query.Resolve && context.GetAccountId() is null)
        {
            return ApiErrors.Result(StatusCodes.Status401Unauthorized, "Search queries that resolve remote resources are not supported without authentication");
        }

        // As Mastodon: with resolve, a URL names one profile or status (a link to this server) or nothing.
        if (query.Resolve && LocalUrl.IsUrl(query.Text))
        {
            return MastodonResponses.Json(await ResolveAsync(context, renderer, statuses, query), MastodonJson.Context.SearchResults);
        }

        var accounts = query.Type is null or "accounts" ? await FindAccountsAsync(context, grains, renderer, query) : [];
        var hashtags = query.Type is null or "hashtags" ? await FindTagsAsync(context, grains, query) : [];
        var results = new SearchResults { Accounts = accounts, Statuses = [], Hashtags = hashtags };
        return MastodonResponses.Json(results, MastodonJson.Context.SearchResults);
    }

    // The profile or status a link to this server names, if the viewer may see it; a status only under its author's name.
    private static async Task<SearchResults> ResolveAsync(HttpContext context, AccountRenderer renderer, StatusRenderer statuses, SearchQuery query)
    {
        var nothing = new SearchResults { Accounts = [], Statuses = [], Hashtags = [] };
        if (query.Offset > 0 || LocalUrl.From(query.Text, context.Request) is not { } url)
        {
            return nothing;
        }

        var origin = RequestOrigin.Get(context.Request);
        if (url.StatusId is { } statusId)
        {
            var status = query.Type is null or "statuses" ? await statuses.LoadAsync(statusId, context.GetViewerId(), origin) : null;
            return status is not null && string.Equals(status.Account.Username, url.Username, StringComparison.OrdinalIgnoreCase)
                ? nothing with { Statuses = [status] }
                : nothing;
        }

        var account = query.Type is null or "accounts" ? await renderer.LoadByUsernameAsync(url.Username, origin) : null;
        return account is null ? nothing : nothing with { Accounts = [account] };
    }

    private static async Task<IReadOnlyList<Account>> FindAccountsAsync(
        HttpContext context, IGrainFactory grains, AccountRenderer renderer, SearchQuery query)
    {
        // A prefix of a username follows a username's rules; display names are searched by the text's words.
        var prefix = LocalUsername.From(query.Text, context.Request);

        // following=true counts only for a signed-in user, as Mastodon's.
        var followedBy = query.Following ? context.GetAccountId() : null;
        var ids = await grains.GetGrain<IDirectoryGrain>(0).SearchAccountsAsync(prefix, query.Text, followedBy, query.Offset, query.Limit);
        return await renderer.LoadManyAsync(ids, RequestOrigin.Get(context.Request));
    }

    // Hashtags in use that start with the query (with or without '#'); a query that is no tag name finds none.
    private static async Task<IReadOnlyList<Tag>> FindTagsAsync(HttpContext context, IGrainFactory grains, SearchQuery query)
    {
        if (TagName.Normalize(query.Text.Trim()) is not { } prefix || query.Following)
        {
            return [];
        }

        var tags = await grains.GetGrain<IDirectoryGrain>(0).SearchTagsAsync(prefix, query.Offset, query.Limit);
        return [.. tags.Select(tag => TagsEndpoints.Entity(context, tag))];
    }

    // Bad parameters are thrown as ApiException (400 JSON), as PageQuery does.
    private sealed record SearchQuery(string Text, string? Type, int Offset, int Limit, bool Following, bool Resolve)
    {
        public static async Task<SearchQuery> ReadAsync(HttpContext context, int defaultLimit, int maxLimit)
        {
            var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
            var text = body.GetString("q");
            var type = body.GetString("type");
            var offset = body.GetPagingInt("offset") ?? 0;
            var limit = Math.Clamp(body.GetPagingInt("limit") ?? defaultLimit, 1, maxLimit);
            if (string.IsNullOrWhiteSpace(text))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "param is missing or the value is empty: q");
            }

            if (type is not (null or "" or "accounts" or "statuses" or "hashtags"))
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "type must be one of accounts, statuses, hashtags");
            }

            if (offset < 0)
            {
                throw new ApiException(StatusCodes.Status400BadRequest, "offset must not be negative");
            }

            return new SearchQuery(
                text, string.IsNullOrEmpty(type) ? null : type, offset, limit, body.GetBool("following") == true, body.GetBool("resolve") == true);
        }
    }
}
