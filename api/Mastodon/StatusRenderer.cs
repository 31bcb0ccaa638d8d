using System.Collections.Immutable;
using System.Globalization;
using Weft.Api.Infrastructure;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Mastodon;

/// <summary>
/// Renders statuses for a viewer from their grains' views. The viewer-independent part of a status (content HTML
/// included) is cached until its snapshot or its author's rendering changes; per request only the viewer's marks are
/// applied, so a warm timeline read does grain calls from memory and a copy per status.
/// </summary>
public sealed class StatusRenderer(IGrainFactory grains, AccountRenderer accounts)
{
    private const int MaxCached = 100_000;

    private readonly BoundedCache<long, CachedStatus> _cache = new(MaxCached);
    private readonly GrainReferenceCache<long, IStatusGrain> _grains = new(grains.GetGrain<IStatusGrain>);

    /// <summary>A status as <paramref name="viewerId"/> (0: anonymous) sees it, or null if missing or invisible.</summary>
    public async ValueTask<Status?> LoadAsync(long statusId, long viewerId, string origin)
    {
        var view = await _grains.Get(statusId).GetAsync(viewerId).ConfigureAwait(false);
        return view is null ? null : await RenderAsync(view, viewerId, origin).ConfigureAwait(false);
    }

    /// <summary>Renders a view the caller already has (an action's result); null if its author or original is gone.</summary>
    public async ValueTask<Status?> RenderAsync(StatusView view, long viewerId, string origin)
    {
        StatusView? original = null;
        if (view.Status.ReblogOfId is { } originalId)
        {
            original = await _grains.Get(originalId).GetAsync(viewerId).ConfigureAwait(false);
            if (original is null)
            {
                return null;
            }
        }

        var author = await accounts.LoadAsync(view.Status.AccountId, origin).ConfigureAwait(false);
        var originalAuthor = original is null ? null : await accounts.LoadAsync(original.Status.AccountId, origin).ConfigureAwait(false);
        return Compose(view, author, original, originalAuthor, origin)?.ToEntity(viewerId);
    }

    /// <summary>
    /// Renders a status its author just posted, for the author's answer, without caching it: most new statuses are not
    /// read through this process again soon, and the cache starts over when full, so caching every post would push out
    /// the renderings timelines read (and keep them alive, for the garbage collector to walk). The first read caches it.
    /// </summary>
    public async ValueTask<Status?> RenderPostedAsync(StatusSnapshot posted, string origin)
    {
        if (posted.ReblogOfId is not null)
        {
            throw new ArgumentException("A posted status is not a reblog.", nameof(posted));
        }

        var author = await accounts.LoadAsync(posted.AccountId, origin).ConfigureAwait(false);
        var view = new StatusView(posted, Favourited: false, Reblogged: false, Bookmarked: false);
        return Compose(view, author, null, null, origin, cache: false)?.ToEntity(posted.AccountId);
    }

    /// <summary>Renders views the caller already has (a thread), in order, leaving out any that cannot be rendered.</summary>
    public async ValueTask<List<Status>> RenderManyAsync(ImmutableArray<StatusView> views, long viewerId, string origin)
    {
        var pending = new ValueTask<Status?>[views.Length];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = RenderAsync(views[i], viewerId, origin);
        }

        var statuses = new List<Status>(pending.Length);
        foreach (var task in pending)
        {
            if ((task.IsCompletedSuccessfully ? task.Result : await task.ConfigureAwait(false)) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>The statuses among <paramref name="statusIds"/> the viewer may see, in order, as entities.</summary>
    public async ValueTask<List<Status>> LoadManyAsync(IReadOnlyList<long> statusIds, long viewerId, string origin)
    {
        var composed = await LoadComposedAsync(statusIds, viewerId, origin).ConfigureAwait(false);
        var statuses = new List<Status>(composed.Count);
        foreach (var status in composed)
        {
            statuses.Add(status.ToEntity(viewerId));
        }

        return statuses;
    }

    /// <summary>
    /// The statuses among <paramref name="statusIds"/> the viewer may see, in order, as a JSON array response written
    /// from each status's cached bytes plus the viewer's marks: the list endpoints' hot path.
    /// </summary>
    public async ValueTask<StatusListResult> LoadListAsync(IReadOnlyList<long> statusIds, long viewerId, string origin, int statusCode = StatusCodes.Status200OK) =>
        new(await LoadComposedAsync(statusIds, viewerId, origin).ConfigureAwait(false), viewerId, statusCode);

    /// <summary>
    /// A page of a public list (the public and hashtag timelines) read with <paramref name="read"/>, as
    /// <see cref="LoadListAsync"/> renders it, without statuses by or reblogging accounts the viewer muted (the home
    /// timeline and list timelines leave them out themselves) and those the viewer may not see. Reads on while those
    /// leave the page short (<see cref="PageFilling"/>); the cursors are for its Link header.
    /// </summary>
    public async ValueTask<(StatusListResult Result, long? NewestCursor, long? OldestCursor)> LoadPageWithoutMutedAsync(
        PageRequest page, Func<PageRequest, Task<IReadOnlyList<long>>> read, long viewerId, string origin)
    {
        var muted = await MutedByAsync(viewerId).ConfigureAwait(false);
        var filled = await PageFilling.FillAsync(
            page,
            read,
            static id => id,
            async ids =>
            {
                var composed = await LoadComposedAsync(ids, viewerId, origin).ConfigureAwait(false);
                if (muted.Count > 0)
                {
                    composed.RemoveAll(status => Involves(status.View.Status, muted));
                }

                return composed;
            },
            static status => status.View.Status.Id).ConfigureAwait(false);
        return (new StatusListResult([.. filled.Items], viewerId, StatusCodes.Status200OK), filled.NewestCursor, filled.OldestCursor);
    }

    /// <summary>The accounts <paramref name="viewerId"/> muted; none for anonymous viewers.</summary>
    public async ValueTask<IReadOnlySet<long>> MutedByAsync(long viewerId) =>
        viewerId > 0 && await grains.GetGrain<IAccountGrain>(viewerId).GetMutedAsync().ConfigureAwait(false) is { IsEmpty: false } muted
            ? muted.Select(mute => mute.AccountId).ToHashSet()
            : s_noneMuted;

    /// <summary>Whether a status is by, or reblogs a status by, one of <paramref name="muted"/>.</summary>
    public static bool Involves(StatusSnapshot status, IReadOnlySet<long> muted)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Muting.Hides(muted, status.AccountId, status.ReblogOfAccountId);
    }

    private static readonly IReadOnlySet<long> s_noneMuted = new HashSet<long>();

    /// <summary>
    /// Every grain call of a step starts before any is awaited; calls answered from memory complete at once and nothing
    /// is allocated for waiting.
    /// </summary>
    internal async ValueTask<List<ComposedStatus>> LoadComposedAsync(IReadOnlyList<long> statusIds, long viewerId, string origin)
    {
        var count = statusIds.Count;
        var pendingViews = new ValueTask<StatusView?>[count];
        for (var i = 0; i < count; i++)
        {
            pendingViews[i] = _grains.Get(statusIds[i]).GetAsync(viewerId);
        }

        var views = new StatusView?[count];
        for (var i = 0; i < count; i++)
        {
            views[i] = pendingViews[i].IsCompletedSuccessfully ? pendingViews[i].Result : await pendingViews[i].ConfigureAwait(false);
        }

        // Originals of reblogs, and every author, in a second round; a page often repeats authors, so each is asked once.
        var pendingOriginals = new ValueTask<StatusView?>[count];
        var pendingAuthors = new ValueTask<Account?>[count];
        var authorIds = new long[count];
        for (var i = 0; i < count; i++)
        {
            if (views[i] is not { } view)
            {
                continue;
            }

            authorIds[i] = view.Status.AccountId;
            if (Array.IndexOf(authorIds, view.Status.AccountId, 0, i) < 0)
            {
                pendingAuthors[i] = accounts.LoadAsync(view.Status.AccountId, origin);
            }

            if (view.Status.ReblogOfId is { } originalId)
            {
                pendingOriginals[i] = _grains.Get(originalId).GetAsync(viewerId);
            }
        }

        var authors = new Account?[count];
        for (var i = 0; i < count; i++)
        {
            if (views[i] is null)
            {
                continue;
            }

            var first = Array.IndexOf(authorIds, authorIds[i], 0, i);
            authors[i] = first >= 0
                ? authors[first]
                : pendingAuthors[i].IsCompletedSuccessfully ? pendingAuthors[i].Result : await pendingAuthors[i].ConfigureAwait(false);
        }

        var statuses = new List<ComposedStatus>(count);
        for (var i = 0; i < count; i++)
        {
            if (views[i] is not { } view)
            {
                continue;
            }

            var author = authors[i];
            StatusView? original = null;
            Account? originalAuthor = null;
            if (view.Status.ReblogOfId is not null)
            {
                original = pendingOriginals[i].IsCompletedSuccessfully ? pendingOriginals[i].Result : await pendingOriginals[i].ConfigureAwait(false);
                if (original is null)
                {
                    continue;
                }

                var pendingOriginalAuthor = accounts.LoadAsync(original.Status.AccountId, origin);
                originalAuthor = pendingOriginalAuthor.IsCompletedSuccessfully ? pendingOriginalAuthor.Result : await pendingOriginalAuthor.ConfigureAwait(false);
            }

            if (Compose(view, author, original, originalAuthor, origin) is { } status)
            {
                statuses.Add(status);
            }
        }

        return statuses;
    }

    /// <summary>The delete response: the last rendering with the source text instead of the HTML (for "delete and redraft").</summary>
    public static Status WithSourceText(Status status, string text) => status with { Content = null, Text = text };

    private ComposedStatus? Compose(StatusView view, Account? author, StatusView? original, Account? originalAuthor, string origin, bool cache = true)
    {
        if (author is null || (original is not null && originalAuthor is null))
        {
            return null;
        }

        ComposedStatus? composedOriginal = null;
        if (original is not null)
        {
            composedOriginal = new ComposedStatus(Base(original.Status, originalAuthor!, null, origin, cache), original, null);
        }

        return new ComposedStatus(Base(view.Status, author, composedOriginal?.Base, origin, cache), view, composedOriginal);
    }

    // With cache false, a rendering already cached is still used, but a new one is not kept (RenderPostedAsync).
    private CachedStatus Base(StatusSnapshot snapshot, Account author, CachedStatus? reblogBase, string origin, bool cache)
    {
        _cache.TryGetValue(snapshot.Id, out var cached);
        if (cached is not null && (ReferenceEquals(cached.Snapshot, snapshot) || cached.Snapshot.Equals(snapshot))
            && ReferenceEquals(cached.Author, author) && ReferenceEquals(cached.ReblogBase, reblogBase) && cached.Origin == origin)
        {
            return cached;
        }

        // The text never changes after posting: keep its HTML across counter changes.
        var content = cached is not null && cached.Origin == origin && cached.Snapshot.Text == snapshot.Text
            ? cached.Status.Content
            : null;
        var fresh = new CachedStatus(snapshot, author, reblogBase, origin, Build(snapshot, author, reblogBase?.Status, content, origin));
        if (cache)
        {
            _cache.Set(snapshot.Id, fresh);
        }

        return fresh;
    }

    private static Status Build(StatusSnapshot snapshot, Account author, Status? reblogBase, string? content, string origin)
    {
        var id = snapshot.Id.ToString(CultureInfo.InvariantCulture);
        var mentions = new StatusMention[snapshot.Mentions.IsDefault ? 0 : snapshot.Mentions.Length];
        for (var i = 0; i < mentions.Length; i++)
        {
            var mention = snapshot.Mentions[i];
            mentions[i] = new StatusMention
            {
                Id = mention.AccountId.ToString(CultureInfo.InvariantCulture),
                Username = mention.Username,
                Acct = mention.Username,
                Url = origin + "/@" + mention.Username,
            };
        }

        var tags = new StatusTag[snapshot.Tags.IsDefault ? 0 : snapshot.Tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            var name = snapshot.Tags[i];
            tags[i] = new StatusTag { Name = name, Url = origin + "/tags/" + Uri.EscapeDataString(name) };
        }

        var isReblog = snapshot.ReblogOfId is not null;
        return new Status
        {
            Id = id,
            CreatedAt = MastodonDates.Timestamp(snapshot.CreatedAt),
            InReplyToId = snapshot.InReplyToId?.ToString(CultureInfo.InvariantCulture),
            InReplyToAccountId = snapshot.InReplyToAccountId?.ToString(CultureInfo.InvariantCulture),
            Sensitive = snapshot.Sensitive,
            SpoilerText = snapshot.SpoilerText,
            Visibility = VisibilityName(snapshot.Visibility),
            Language = snapshot.Language,
            Uri = origin + "/users/" + author.Username + "/statuses/" + id + (isReblog ? "/activity" : ""),
            Url = isReblog ? null : origin + "/@" + author.Username + "/" + id,
            RepliesCount = snapshot.RepliesCount,
            ReblogsCount = snapshot.ReblogsCount,
            FavouritesCount = snapshot.FavouritesCount,
            EditedAt = snapshot.EditedAt is { } edited ? MastodonDates.Timestamp(edited) : null,
            Content = content ?? (isReblog ? "" : HtmlText.FormatStatus(snapshot.Text, snapshot.Mentions, snapshot.Tags, origin)),
            Reblog = reblogBase,
            Application = snapshot.ApplicationName is { } app ? new StatusApplication { Name = app, Website = null } : null,
            Account = author,
            Mentions = mentions,
            Tags = tags,
        };
    }

    /// <summary>Mastodon's name for a visibility.</summary>
    public static string VisibilityName(StatusVisibility visibility) => visibility switch
    {
        StatusVisibility.Public => "public",
        StatusVisibility.Unlisted => "unlisted",
        StatusVisibility.Private => "private",
        _ => "direct",
    };

    /// <summary>Parses Mastodon's visibility names; false for anything else.</summary>
    public static bool TryParseVisibility(string? name, out StatusVisibility visibility)
    {
        switch (name)
        {
            case "public": visibility = StatusVisibility.Public; return true;
            case "unlisted": visibility = StatusVisibility.Unlisted; return true;
            case "private": visibility = StatusVisibility.Private; return true;
            case "direct": visibility = StatusVisibility.Direct; return true;
            default: visibility = default; return false;
        }
    }

    /// <summary>
    /// Parses a visibility that reaches more than the mentioned (what a reblog or an account's default may have, as
    /// Mastodon's); false for direct and for anything else.
    /// </summary>
    public static bool TryParseBroadcastVisibility(string? name, out StatusVisibility visibility) =>
        TryParseVisibility(name, out visibility) && visibility != StatusVisibility.Direct;
}
