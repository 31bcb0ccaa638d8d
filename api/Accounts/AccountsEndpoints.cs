using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Auth;
using Weft.Api.Infrastructure;
using Weft.Api.Infrastructure.Paging;
using Weft.Api.Instance;
using Weft.Api.Mastodon;
using Weft.Api.Tags;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Statuses;
using Microsoft.OpenApi;
using Weft.Api.OpenApi;

namespace Weft.Api.Accounts;

/// <summary>
/// /api/v1/accounts/*: the signed-in account, profiles, lookup, follow and unfollow, relationships, followers and
/// following, an account's statuses. (Registration, POST /api/v1/accounts, lives with the OAuth endpoints.)
/// </summary>
public static class AccountsEndpoints
{
    // Mastodon's limits for local accounts.
    private const int MaxDisplayNameLength = InstanceLimits.MaxDisplayNameCharacters;
    private const int MaxNoteLength = InstanceLimits.MaxNoteCharacters;
    private const int MaxProfileFields = InstanceLimits.MaxProfileFields;
    private const int MaxFieldPartLength = InstanceLimits.MaxProfileFieldPartCharacters;

    // Mastodon's limit on a private note about another account.
    private const int MaxAccountNoteLength = 2000;

    // GET /api/v1/accounts?id[]= reads at most this many.
    private const int MaxAccountsPerRequest = 40;

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/preferences", PreferencesAsync)
            .WithTags("Accounts")
            .RequireScope("read:accounts")
            .Produces<Preferences>()
            .WithSummary("The user's preferences: the posting defaults set through update_credentials' source.");
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts");
        accounts.MapGet("/verify_credentials", VerifyCredentialsAsync)
            .RequireScope("read:accounts")
            .Produces<CredentialAccount>()
            .WithSummary("The user's own account, with its source and role.");
        accounts.MapPatch("/update_credentials", UpdateCredentialsAsync)
            .RequireScope("write:accounts")
            .AcceptsFields(typeof(UpdateCredentialsFields), required: false)
            .Produces<CredentialAccount>()
            .ProducesErrors(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Edits the user's profile (display name, note, bot); avatar and header uploads are not supported yet.");
        accounts.MapGet("/relationships", RelationshipsAsync)
            .RequireScope("read:follows")
            .WithQuery("id[]", "The accounts to relate to (also id); unknown or malformed ids are left out.", JsonSchemaType.Array)
            .Produces<IReadOnlyList<Mastodon.Relationship>>()
            .WithSummary("The user's relationships with other accounts.");
        accounts.MapGet("/familiar_followers", FamiliarFollowersAsync)
            .RequireScope("read:follows")
            .WithQuery("id[]", "The accounts to ask about (also id); unknown or malformed ids are left out.", JsonSchemaType.Array)
            .Produces<IReadOnlyList<FamiliarFollowersEntity>>()
            .WithSummary("For each account, its followers that the user follows too.");
        accounts.MapGet("/lookup", LookupAsync)
            .RequireScopeIfToken("read:accounts")
            .WithQuery("acct", "username, @username or username@this-domain.", required: true)
            .Produces<Account>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Finds a local account by its name.");
        accounts.MapGet("/{id}", GetAsync).RequireScopeIfToken("read:accounts").Produces<Account>().WithSummary("An account.");
        accounts.MapGet("", GetManyAsync)
            .RequireScopeIfToken("read:accounts")
            .WithQuery("id[]", $"The accounts' ids (at most {MaxAccountsPerRequest}).", JsonSchemaType.Array)
            .Produces<IReadOnlyList<Account>>()
            .ProducesErrors(StatusCodes.Status400BadRequest, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Several accounts, in the order asked; those that do not exist are left out.");
        accounts.MapPost("/{id}/follow", FollowAsync)
            .RequireScope("write:follows")
            .AcceptsFields(typeof(FollowFields), required: false)
            .Produces<Mastodon.Relationship>()
            .WithSummary("Follows an account (403 for the user's own); following again changes reblogs and notify.");
        accounts.MapPost("/{id}/note", SetNoteAsync)
            .RequireScope("write:accounts")
            .AcceptsFields(typeof(AccountNoteFields), required: false)
            .Produces<Mastodon.Relationship>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Sets the user's private note on an account (an empty comment removes it); only the user sees it, in relationships.");
        accounts.MapPost("/{id}/mute", MuteAsync)
            .RequireScope("write:mutes")
            .AcceptsFields(typeof(MuteFields), required: false)
            .Produces<Mastodon.Relationship>()
            .ProducesErrors(StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Mutes an account: its statuses and reblogs leave the user's timelines, threads and streams; its notifications too unless notifications=false.");
        accounts.MapPost("/{id}/unmute", UnmuteAsync)
            .RequireScope("write:mutes")
            .Produces<Mastodon.Relationship>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Unmutes an account.");
        app.MapGet("/api/v1/mutes", MutesAsync)
            .WithTags("Accounts")
            .RequireScope("read:mutes")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<MutedAccount>>()
            .WithSummary("The accounts the user muted, most recently muted first, with when each mute ends.");
        accounts.MapPost("/{id}/unfollow", UnfollowAsync)
            .RequireScope("write:follows")
            .Produces<Mastodon.Relationship>()
            .WithSummary("Unfollows an account.");
        accounts.MapPost("/{id}/remove_from_followers", RemoveFromFollowersAsync)
            .RequireScope("write:follows")
            .Produces<Mastodon.Relationship>()
            .ProducesErrors(StatusCodes.Status404NotFound)
            .WithSummary("Removes an account from the user's followers: it unfollows the user, its home timeline and lists included (Mastodon leaves the follower's home feed as it is).");
        accounts.MapGet("/{id}/followers", FollowersAsync)
            .RequireScopeIfToken("read:accounts")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("Accounts following an account.");
        accounts.MapGet("/{id}/following", FollowingAsync)
            .RequireScopeIfToken("read:accounts")
            .Paged(defaultLimit: 40, maxLimit: 80)
            .Produces<IReadOnlyList<Account>>()
            .WithSummary("Accounts an account follows.");
        accounts.MapGet("/{id}/statuses", StatusesAsync)
            .RequireScopeIfToken("read:statuses")
            .Paged()
            .WithQuery("exclude_replies", "Leave out replies to others.", JsonSchemaType.Boolean)
            .WithQuery("exclude_reblogs", "Leave out reblogs.", JsonSchemaType.Boolean)
            .WithQuery("only_media", "Only statuses with media (none yet).", JsonSchemaType.Boolean)
            .WithQuery("pinned", "Only the pinned statuses (all of them, most recently pinned first; no paging).", JsonSchemaType.Boolean)
            .WithQuery("tagged", "Only statuses with this hashtag.")
            .Produces<IReadOnlyList<Status>>()
            .WithSummary("An account's statuses, newest first, as the caller may see them.");
        return app;
    }

    private static async Task<IResult> UpdateCredentialsAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (body.HasFile("avatar") || body.HasFile("header") || body.Has("avatar") || body.Has("header"))
        {
            return ApiErrors.Unprocessable("Validation failed: Avatar and header uploads are not supported yet");
        }

        if (body.GetBool("locked") == true)
        {
            return ApiErrors.Unprocessable("Validation failed: Locked accounts are not supported yet (follow requests are not built)");
        }

        var displayName = body.GetString("display_name");
        if (displayName is not null && new StringInfo(displayName).LengthInTextElements > MaxDisplayNameLength)
        {
            return ApiErrors.Unprocessable($"Validation failed: Display name is too long (maximum is {MaxDisplayNameLength} characters)");
        }

        var note = body.GetString("note");
        if (note is not null && new StringInfo(note).LengthInTextElements > MaxNoteLength)
        {
            return ApiErrors.Unprocessable($"Validation failed: Note is too long (maximum is {MaxNoteLength} characters)");
        }

        var fields = ProfileFields(body.GetNameValuePairs("fields_attributes"));
        var (visibility, sensitive, language) = PostingDefaultsChange(body);
        var change = new ProfileChange(displayName, note, body.GetBool("bot"), fields, visibility, sensitive, language,
            body.GetBool("discoverable"), body.GetBool("indexable"), body.GetBool("hide_collections"));
        var credentials = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).UpdateProfileAsync(change);
        return credentials is null ? ApiErrors.NotFound() : Credential(context, credentials, renderer);
    }

    // source[privacy], source[sensitive] and source[language], as Mastodon's settings: a default visibility cannot be
    // direct; an empty language clears it.
    private static (StatusVisibility? Visibility, bool? Sensitive, string? Language) PostingDefaultsChange(RequestBody body)
    {
        StatusVisibility? visibility = null;
        if (body.GetNestedString("source", "privacy") is { Length: > 0 } privacy)
        {
            visibility = StatusRenderer.TryParseBroadcastVisibility(privacy, out var named)
                ? named
                : throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Validation failed: Default privacy is not included in the list");
        }

        var language = body.GetNestedString("source", "language") switch
        {
            null => null,
            "" => "",
            var code => LanguageCodes.Normalize(code)
                ?? throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Validation failed: Default language is not a language code"),
        };
        return (visibility, body.GetNestedBool("source", "sensitive"), language);
    }

    private static IResult Credential(HttpContext context, AccountCredentials credentials, AccountRenderer renderer) =>
        MastodonResponses.Json(renderer.RenderCredential(credentials, RequestOrigin.Get(context.Request)), MastodonJson.Context.CredentialAccount);

    // Mastodon's Account#fields_attributes=: parts are trimmed; pairs with neither a name nor a value are dropped, a value
    // without a name is refused (EmptyProfileFieldNamesValidator); at most four remain, each part at most 255 characters
    // (Mastodon cuts longer ones; refusing tells the client). Sending the parameter replaces every field.
    private static ImmutableArray<ProfileField>? ProfileFields(IReadOnlyList<(string Name, string Value)>? pairs)
    {
        if (pairs is null)
        {
            return null;
        }

        var fields = ImmutableArray.CreateBuilder<ProfileField>();
        foreach (var (rawName, rawValue) in pairs)
        {
            var (name, value) = (rawName.Trim(), rawValue.Trim());
            if (name.Length == 0)
            {
                if (value.Length == 0)
                {
                    continue;
                }

                throw new ApiException(StatusCodes.Status422UnprocessableEntity, "Validation failed: Fields contains values with missing labels");
            }

            if (name.EnumerateRunes().Count() > MaxFieldPartLength || value.EnumerateRunes().Count() > MaxFieldPartLength)
            {
                throw new ApiException(StatusCodes.Status422UnprocessableEntity,
                    $"Validation failed: Fields name and value must each be at most {MaxFieldPartLength} characters");
            }

            fields.Add(new ProfileField(name, value));
        }

        return fields.Count <= MaxProfileFields
            ? fields.ToImmutable()
            : throw new ApiException(StatusCodes.Status422UnprocessableEntity, $"Validation failed: Fields is too long (maximum is {MaxProfileFields} fields)");
    }

    private static async Task<IResult> VerifyCredentialsAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        var credentials = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).GetCredentialsAsync();
        return credentials is null ? ApiErrors.NotFound() : Credential(context, credentials, renderer);
    }

    // Mastodon's preferences: the posting defaults, and reading ones Weft does not keep (media and spoilers as sent).
    private static async Task<IResult> PreferencesAsync(HttpContext context, IGrainFactory grains)
    {
        var defaults = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).GetPostingDefaultsAsync();
        return MastodonResponses.Json(new Preferences
        {
            DefaultVisibility = StatusRenderer.VisibilityName(defaults.Visibility),
            DefaultSensitive = defaults.Sensitive,
            DefaultLanguage = defaults.Language,
        }, MastodonJson.Context.Preferences);
    }

    private static async Task<IResult> GetAsync(string id, HttpContext context, AccountRenderer renderer)
    {
        var account = await renderer.LoadAsync(RouteIds.Path(id), RequestOrigin.Get(context.Request));
        return account is null ? ApiErrors.NotFound() : MastodonResponses.Json(account, MastodonJson.Context.Account);
    }

    private static async Task<IResult> GetManyAsync(HttpContext context, AccountRenderer renderer)
    {
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var ids = RouteIds.Parameters(body.GetStrings("id"), "id[]", MaxAccountsPerRequest);
        var accounts = await renderer.LoadManyAsync(ids, RequestOrigin.Get(context.Request));
        return MastodonResponses.Json(accounts, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> LookupAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        if (LocalUsername.From(context.Request.Query["acct"].ToString(), context.Request) is not { } username)
        {
            return ApiErrors.NotFound();
        }

        var account = await renderer.LoadByUsernameAsync(username, RequestOrigin.Get(context.Request));
        return account is null ? ApiErrors.NotFound() : MastodonResponses.Json(account, MastodonJson.Context.Account);
    }

    private static async Task<IResult> FollowAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var targetId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);

        // Following for some languages only (Mastodon filters home and lists by them) is not built: refused, as other
        // unbuilt options are, rather than dropped so that the client believes it holds. None or an empty list is all.
        if (body.GetStrings("languages").Any(language => language.Length > 0))
        {
            return ApiErrors.Unprocessable("Validation failed: Following for some languages only is not supported yet");
        }

        var change = new FollowChange(ShowReblogs: body.GetBool("reblogs"), Notify: body.GetBool("notify"));
        var result = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).FollowAsync(targetId, change);
        return result.Error switch
        {
            null => MastodonResponses.Json(RenderRelationship(result.Relationship), MastodonJson.Context.Relationship),
            // As Mastodon (check_following_self): the account exists, so not 404.
            FollowError.Self => ApiErrors.Forbidden("Following your own account is not allowed"),
            _ => ApiErrors.NotFound(),
        };
    }

    private static async Task<IResult> UnfollowAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var targetId = RouteIds.Path(id);
        if (await grains.GetGrain<IAccountGrain>(targetId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        var result = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).UnfollowAsync(targetId);
        return result.Error is null
            ? MastodonResponses.Json(RenderRelationship(result.Relationship), MastodonJson.Context.Relationship)
            : ApiErrors.NotFound();
    }

    private static async Task<IResult> RemoveFromFollowersAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var followerId = RouteIds.Path(id);
        var accountId = context.RequireAccountId();
        var follower = grains.GetGrain<IAccountGrain>(followerId);
        if (await follower.GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        // The follower's own unfollow, so its home timeline, lists and counts follow as they would; answered as Mastodon
        // does, with the user's relationship to that account (followed_by now false).
        if (followerId != accountId)
        {
            await follower.UnfollowAsync(accountId);
        }

        var relationships = await grains.GetGrain<IAccountGrain>(accountId).GetRelationshipsAsync([followerId]);
        return MastodonResponses.Json(RenderRelationship(relationships[0]), MastodonJson.Context.Relationship);
    }

    private static async Task<IResult> SetNoteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var targetId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var comment = body.GetString("comment") ?? "";
        if (comment.Length > MaxAccountNoteLength)
        {
            return ApiErrors.Unprocessable($"Validation failed: Comment is too long (maximum is {MaxAccountNoteLength} characters)");
        }

        if (await grains.GetGrain<IAccountGrain>(targetId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        var relationship = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).SetNoteAsync(targetId, comment);
        return relationship is null
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(RenderRelationship(relationship), MastodonJson.Context.Relationship);
    }

    private static async Task<IResult> MuteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var targetId = RouteIds.Path(id);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var notifications = body.GetBool("notifications") ?? true;
        var seconds = body.GetInt("duration") ?? 0;
        if (seconds < 0)
        {
            return ApiErrors.Unprocessable("Validation failed: duration must be 0 (no end) or a number of seconds");
        }

        if (await grains.GetGrain<IAccountGrain>(targetId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        var viewerId = context.RequireAccountId();
        if (targetId == viewerId)
        {
            return ApiErrors.Unprocessable("Validation failed: you cannot mute yourself");
        }

        var relationship = await grains.GetGrain<IAccountGrain>(viewerId).MuteAsync(targetId, notifications, seconds > 0 ? TimeSpan.FromSeconds(seconds) : null);
        return relationship is null
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(RenderRelationship(relationship), MastodonJson.Context.Relationship);
    }

    private static async Task<IResult> UnmuteAsync(string id, HttpContext context, IGrainFactory grains)
    {
        var targetId = RouteIds.Path(id);
        if (await grains.GetGrain<IAccountGrain>(targetId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        var relationship = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).UnmuteAsync(targetId);
        return relationship is null
            ? ApiErrors.NotFound()
            : MastodonResponses.Json(RenderRelationship(relationship), MastodonJson.Context.Relationship);
    }

    private static async Task<IResult> MutesAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        var pageRequest = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        var page = await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).GetMutesAsync(pageRequest);
        LinkHeader.SetForAccounts(context, page.NewestCursor, page.OldestCursor, page.Items.Length, pageRequest.Limit);

        var accounts = await renderer.LoadManyAsync([.. page.Items.Select(mute => mute.AccountId)], RequestOrigin.Get(context.Request));
        var endsById = page.Items.ToDictionary(mute => mute.AccountId.ToString(CultureInfo.InvariantCulture), mute => mute.ExpiresAt);
        var muted = accounts
            .Select(account => new MutedAccount(account, endsById[account.Id] is { } ends ? MastodonDates.Timestamp(ends) : null))
            .ToList();
        return MastodonResponses.Json<IReadOnlyList<MutedAccount>>(muted, MastodonJson.Context.IReadOnlyListMutedAccount);
    }

    private static async Task<IResult> RelationshipsAsync(HttpContext context, IGrainFactory grains)
    {
        var existing = await RequestedAccountIdsAsync(context, grains);
        var relationships = existing.IsEmpty
            ? []
            : await grains.GetGrain<IAccountGrain>(context.RequireAccountId()).GetRelationshipsAsync(existing);
        return MastodonResponses.Json<IReadOnlyList<Mastodon.Relationship>>(
            [.. relationships.Select(RenderRelationship)], MastodonJson.Context.IReadOnlyListRelationship);
    }

    private static async Task<IResult> FamiliarFollowersAsync(HttpContext context, IGrainFactory grains, AccountRenderer renderer)
    {
        var existing = await RequestedAccountIdsAsync(context, grains);
        var viewerId = context.RequireAccountId();
        var lists = existing.IsEmpty
            ? []
            : await grains.GetGrain<IAccountGrain>(viewerId).GetFamiliarFollowersAsync(existing);
        var origin = RequestOrigin.Get(context.Request);
        var entities = new List<FamiliarFollowersEntity>(lists.Length);
        foreach (var list in lists)
        {
            // Hidden networks stay hidden, as in Mastodon: an account that hides its collections shows no followers here,
            // and a follower that hides its own is left out (listing it would tell whom it follows).
            var hidden = list.AccountId != viewerId && (await renderer.LoadAsync(list.AccountId, origin))?.HideCollections == true;
            var followers = hidden ? [] : await renderer.LoadManyAsync(list.FollowerIds, origin);
            entities.Add(new FamiliarFollowersEntity
            {
                Id = list.AccountId.ToString(CultureInfo.InvariantCulture),
                Accounts = [.. followers.Where(follower => follower.HideCollections != true)],
            });
        }

        return MastodonResponses.Json<IReadOnlyList<FamiliarFollowersEntity>>(entities, MastodonJson.Context.IReadOnlyListFamiliarFollowersEntity);
    }

    // The accounts named by id[] (or id), each once, in order; ids that cannot name an account and unknown accounts are
    // left out, as Mastodon does.
    private static async Task<ImmutableArray<long>> RequestedAccountIdsAsync(HttpContext context, IGrainFactory grains)
    {
        // From the query as documented, or from a JSON body as Rails merges one even into a GET's parameters (Mastodon.py
        // sends familiar_followers' ids so, as numbers).
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        var requested = new List<long>();
        foreach (var value in body.GetStrings("id"))
        {
            // Ids that cannot name an account are left out like unknown ones, as Mastodon does.
            if (SnowflakeId.TryParse(value, out var accountId) && !requested.Contains(accountId))
            {
                requested.Add(accountId);
            }
        }

        var pending = requested.Select(accountId => grains.GetGrain<IAccountGrain>(accountId).GetAsync().AsTask()).ToList();
        var snapshots = await Task.WhenAll(pending);
        return requested.Where((_, i) => snapshots[i] is not null).ToImmutableArray();
    }

    private static Task<IResult> FollowersAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer) =>
        FollowListAsync(id, context, grains, renderer, static (account, page) => account.GetFollowersAsync(page));

    private static Task<IResult> FollowingAsync(string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer) =>
        FollowListAsync(id, context, grains, renderer, static (account, page) => account.GetFollowingAsync(page));

    private static async Task<IResult> FollowListAsync(
        string id, HttpContext context, IGrainFactory grains, AccountRenderer renderer, Func<IAccountGrain, PageRequest, Task<Page<long>>> list)
    {
        var accountId = RouteIds.Path(id);
        var account = grains.GetGrain<IAccountGrain>(accountId);
        var pageRequest = PageQuery.Parse(context.Request, defaultLimit: 40, maxLimit: 80);
        if (await account.GetAsync() is not { } snapshot)
        {
            return ApiErrors.NotFound();
        }

        // A hidden list is empty to everyone but its owner, as in Mastodon (the counts stay on the account).
        if (snapshot.Profile.HideCollections && context.GetAccountId() != accountId)
        {
            return MastodonResponses.Json<IReadOnlyList<Account>>([], MastodonJson.Context.IReadOnlyListAccount);
        }

        var page = await list(account, pageRequest);
        LinkHeader.SetForAccounts(context, page.NewestCursor, page.OldestCursor, page.Items.Length, pageRequest.Limit);
        var accounts = await renderer.LoadManyAsync(page.Items, RequestOrigin.Get(context.Request));
        return MastodonResponses.Json(accounts, MastodonJson.Context.IReadOnlyListAccount);
    }

    private static async Task<IResult> StatusesAsync(string id, HttpContext context, IGrainFactory grains, StatusRenderer renderer)
    {
        var accountId = RouteIds.Path(id);
        var pageRequest = PageQuery.Parse(context.Request);
        var body = await RequestBody.ReadAsync(context.Request, context.RequestAborted);
        if (await grains.GetGrain<IAccountGrain>(accountId).GetAsync() is null)
        {
            return ApiErrors.NotFound();
        }

        // Statuses have no media yet: that list is empty.
        if (body.GetBool("only_media") == true)
        {
            return MastodonResponses.Json<IReadOnlyList<Status>>([], MastodonJson.Context.IReadOnlyListStatus);
        }

        // At most five, as each viewer may see them.
        if (body.GetBool("pinned") == true)
        {
            var pinned = await grains.GetGrain<IAccountGrain>(accountId).GetPinnedAsync();
            return await renderer.LoadListAsync(pinned, context.GetViewerId(), RequestOrigin.Get(context.Request));
        }

        // Filtered in the query, so a page holds up to its limit of tagged statuses; a name no status can carry matches none.
        string? tagged = null;
        if (body.GetString("tagged") is { Length: > 0 } tag && (tagged = TagName.Normalize(tag)) is null)
        {
            return MastodonResponses.Json<IReadOnlyList<Status>>([], MastodonJson.Context.IReadOnlyListStatus);
        }

        var query = new AccountStatusesQuery(
            pageRequest, body.GetBool("exclude_replies") == true, body.GetBool("exclude_reblogs") == true, OnlyMedia: false, tagged);
        var viewerId = context.GetViewerId();
        var ids = await grains.GetGrain<IAccountStatusesGrain>(accountId).ListAsync(viewerId, query);
        if (!ids.IsEmpty)
        {
            LinkHeader.Set(context, ids[0], ids[^1]);
        }

        return await renderer.LoadListAsync(ids, viewerId, RequestOrigin.Get(context.Request));
    }

    /// <summary>Renders a relationship; Weft has no blocks, mutes, requests or notes yet.</summary>
    public static Mastodon.Relationship RenderRelationship(GrainInterfaces.Accounts.Relationship relationship) => new()
    {
        Id = relationship.AccountId.ToString(CultureInfo.InvariantCulture),
        Following = relationship.Following,
        ShowingReblogs = relationship.ShowingReblogs,
        Notifying = relationship.Notifying,
        FollowedBy = relationship.FollowedBy,
        Note = relationship.Note,
        Muting = relationship.Muting,
        MutingNotifications = relationship.MutingNotifications,
    };
}
