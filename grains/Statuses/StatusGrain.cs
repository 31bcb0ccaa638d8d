using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Ids;
using Weft.Streams;

namespace Weft.Grains.Statuses;

/// <summary>
/// One status, reply or reblog (key = status id). State: its content (<see cref="StatusSnapshot"/>), written with its
/// "created" event in one outbox write, and again with its "deleted" event. Memory: who favourited, bookmarked and
/// reblogged it and how many replies it has, loaded from the social store on activation; marks go to the store first
/// and change memory only when the store reports a change, so counts are exact and marks idempotent.
/// </summary>
/// <remarks>
/// Visibility (<see cref="GetAsync"/> and every action): public and unlisted for everyone; the author and mentioned
/// accounts always (silently mentioned ones too: an edit that dropped them did not take their sight of it); private
/// also for followers of the author (asked from the viewer's account grain, from memory); direct for no one else. Missing, deleted and invisible all answer null or <see cref="StatusActionResult.NotFound"/>,
/// so a private status does not leak its existence.
/// <para>A status is activated by its creation and by every read that does not find it active; an idle one goes after
/// about two minutes instead of the silo's quarter of an hour, or memory would grow with the posting rate (every post
/// leaves an activation of about 1.3 KB; at 2,000 posts/s a quarter of an hour holds 1.8 million of them).</para>
/// </remarks>
[CollectionAgeLimit(Minutes = 2)]
public sealed partial class StatusGrain(
    [PersistentState("status", "Default")] IPersistentState<StatusState> state,
    ISocialStore store,
    SnowflakeIdGenerator ids,
    TimeProvider timeProvider,
    ILogger<StatusGrain> logger) : Grain, IStatusGrain, IStatusReblogsGrain
{
    // Created on the first mark: most statuses are never favourited, bookmarked or reblogged, and every post keeps an
    // activation for minutes.
    private Dictionary<long, long>? _favouriteMarks;
    private HashSet<long>? _bookmarkers;
    private Dictionary<long, long>? _reblogsByAccount;

    // The reblogs among them that only the reblogger's followers see: counted, but not listed in reblogged_by.
    private HashSet<long>? _privateReblogs;
    private long _replies;
    private long _repliesRecountsStarted;
    private long _repliesRecountApplied;
    private long _version;
    private StatusSnapshot? _current;
    private StatusView? _unmarkedView;

    private long Id => GetPrimaryKeyLong();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _version = ids.NextId();
        return LoadMarksAsync(cancellationToken);
    }

    // Who favourited, bookmarked and reblogged the stored status, and its replies; nothing for a new key, a reblog or a
    // status never marked (most are not: a cold timeline read then costs one state read per status, not five queries).
    private async Task LoadMarksAsync(CancellationToken cancellationToken)
    {
        if (state.State.Status is not { Deleted: false, ReblogOfId: null } status || state.State.NoMarks)
        {
            return;
        }

        var marks = await store.LoadStatusMarksAsync(status.Id, cancellationToken);
        foreach (var mark in marks.Favourites)
        {
            (_favouriteMarks ??= [])[mark.OtherId] = mark.MarkId;
        }

        foreach (var mark in marks.Bookmarks)
        {
            (_bookmarkers ??= []).Add(mark.OtherId);
        }

        // Newest first: keep each account's newest reblog should the store hold two.
        foreach (var reblog in marks.Reblogs)
        {
            if ((_reblogsByAccount ??= []).TryAdd(reblog.AccountId, reblog.Id) && !IsListedReblog(reblog.Visibility))
            {
                (_privateReblogs ??= []).Add(reblog.Id);
            }
        }

        _replies = marks.RepliesCount;
    }

    public async Task<StatusSnapshot> CreateAsync(StatusSnapshot status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (state.State.Status is not null)
        {
            return Current()!;
        }

        if (status.Id != Id)
        {
            throw new ArgumentException($"Status id {status.Id} does not match status grain {Id}.", nameof(status));
        }

        // Stored with its first version, so the new status is its own current snapshot (one copy in memory, not two).
        Changed();
        var created = status with { RepliesCount = 0, ReblogsCount = 0, FavouritesCount = 0, Deleted = false, Version = _version };
        state.State.Status = created;
        state.State.NoMarks = true;
        try
        {
            await StreamOf(created.AccountId).OnNextWithStateAsync(new StatusEvent(StatusEventKind.Created, created), state);
        }
        catch (InconsistentStateException) when (state.Etag is null)
        {
            // [FreshKey] activated this grain without reading its state, and the status exists after all (a retried
            // id), or another silo created it meanwhile: answer from what is stored, as for any repeated call.
            state.State.Status = null;
            state.State.NoMarks = false;
            try
            {
                await state.ReadStateAsync();
                await LoadMarksAsync(CancellationToken.None);
            }
            catch
            {
                DeactivateOnIdle(); // the state is unknown: the next call reads it afresh
                throw;
            }

            if (state.State.Status is null)
            {
                throw;
            }

            Changed();
            return Current()!;
        }
        catch
        {
            state.State.Status = null;
            state.State.NoMarks = false;
            Changed(); // a read that interleaved with the write may have kept the new snapshot
            if (state.Etag is null)
            {
                // Nothing was written, and a [FreshKey] activation never read the state: the next call reads it.
                DeactivateOnIdle();
            }

            throw;
        }

        return Current()!;
    }

    public ValueTask<StatusView?> GetAsync(long viewerId)
    {
        if (state.State.Status is not { Deleted: false } status)
        {
            return new((StatusView?)null);
        }

        if (IsVisibleFromMemory(status, viewerId))
        {
            return new(ViewFor(viewerId));
        }

        return status.Visibility == StatusVisibility.Private && viewerId > 0 ? SlowGetAsync(status, viewerId) : new((StatusView?)null);

        async ValueTask<StatusView?> SlowGetAsync(StatusSnapshot status, long viewerId) =>
            await IsFollowerAsync(status.AccountId, viewerId) && state.State.Status is { Deleted: false } ? ViewFor(viewerId) : null;
    }

    public async Task SetPinnedAsync(bool pinned)
    {
        if (state.State.Status is null || state.State.Pinned == pinned)
        {
            return;
        }

        state.State.Pinned = pinned;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Pinned = !pinned;
            throw;
        }
    }

    public async Task<StatusActionResult> EditAsync(long actorId, StatusEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        if (state.State.Status is not { Deleted: false, ReblogOfId: null } status)
        {
            return StatusActionResult.NotFound;
        }

        if (status.AccountId != actorId)
        {
            return await CanSeeAsync(actorId) ? StatusActionResult.Forbidden : StatusActionResult.NotFound;
        }

        // As Mastodon: an edit that changes nothing is not recorded; an omitted language keeps the old one.
        var language = edit.Language ?? status.Language;
        if (edit.Text == status.Text && edit.SpoilerText == status.SpoilerText && edit.Sensitive == status.Sensitive && language == status.Language)
        {
            return new StatusActionResult(ViewFor(actorId), null);
        }

        // The new version and the "edited" event (which re-indexes mentions and hashtags) are written together.
        var history = state.State.History;
        var before = history.Count;
        history.Add(Revision(status));
        var edited = status with
        {
            Text = edit.Text,
            SpoilerText = edit.SpoilerText,
            Sensitive = edit.Sensitive,
            Language = language,
            Mentions = edit.Mentions,
            SilentMentionIds = SilencedBy(status, edit.Mentions),
            Tags = edit.Tags,
            EditedAt = timeProvider.GetUtcNow(),
            Version = ids.NextId(),
        };
        state.State.Status = edited;
        try
        {
            await StreamOf(status.AccountId).OnNextWithStateAsync(new StatusEvent(StatusEventKind.Edited, edited), state);
        }
        catch
        {
            // Interleaved reads may have cached views of the unsaved edit.
            state.State.Status = status;
            history.RemoveRange(before, history.Count - before);
            Changed();
            throw;
        }

        Changed();
        return new StatusActionResult(ViewFor(actorId), null);
    }

    public async Task<ImmutableArray<StatusRevision>?> GetHistoryAsync(long viewerId)
    {
        if (await GetAsync(viewerId) is null || state.State.Status is not { } status)
        {
            return null;
        }

        return [.. state.State.History, Revision(status)];
    }

    // Who keeps sight of the status without being mentioned after the edit: everyone an earlier version mentioned.
    private static ImmutableArray<long>? SilencedBy(StatusSnapshot status, ImmutableArray<Mention> mentions)
    {
        var silenced = status.MentionedAccountIds().Except(mentions.Select(mention => mention.AccountId)).ToImmutableArray();
        return silenced.IsEmpty ? null : silenced;
    }

    private static StatusRevision Revision(StatusSnapshot status) =>
        new(status.Text, status.SpoilerText, status.Sensitive, status.Mentions, status.Tags, status.EditedAt ?? status.CreatedAt);

    public async Task<StatusActionResult> DeleteAsync(long actorId)
    {
        if (state.State.Status is not { Deleted: false } status)
        {
            return StatusActionResult.NotFound;
        }

        if (status.AccountId != actorId)
        {
            return await CanSeeAsync(actorId) ? StatusActionResult.Forbidden : StatusActionResult.NotFound;
        }

        var last = ViewFor(actorId);
        var deleted = status with { Deleted = true, Version = ids.NextId() };
        state.State.Status = deleted;
        try
        {
            await StreamOf(status.AccountId).OnNextWithStateAsync(new StatusEvent(StatusEventKind.Deleted, deleted), state);
        }
        catch
        {
            state.State.Status = status;
            throw;
        }

        _favouriteMarks = null;
        _bookmarkers = null;
        _reblogsByAccount = null;
        _privateReblogs = null;
        Changed();
        try
        {
            if (status.Visibility != StatusVisibility.Direct)
            {
                await GrainFactory.GetGrain<IAccountGrain>(actorId).StatusCountChangedAsync(-1, null);
            }
            if (status.ReblogOfId is { } originalId)
            {
                await GrainFactory.GetGrain<IStatusReblogsGrain>(originalId).ReblogRemovedAsync(status.Id, actorId);
            }
        }
        catch (Exception e)
        {
            StatusLog.SideEffectFailed(logger, e, status.Id, "delete", actorId);
        }

        // The deleted status as it last was (with its text, for "delete and redraft"); reblogs of it are removed by the fan-out.
        return new StatusActionResult(last with { Status = last.Status with { Deleted = true } }, null);
    }

    public Task RepliesChangedAsync(long replyId, int delta) => RecountRepliesAsync();

    public Task ExpectReplyAsync() =>
        state.State.Status is { Deleted: false, ReblogOfId: null } ? ExpectMarksAsync() : Task.CompletedTask;

    // Before a mark or a reply of this status can reach the store, the state stops saying it has none: an activation
    // in between then reads the store (one that read it already sees the change itself, or recounts replies when told).
    private async Task ExpectMarksAsync()
    {
        if (!state.State.NoMarks)
        {
            return;
        }

        state.State.NoMarks = false;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.NoMarks = true;
            throw;
        }
    }

    private async Task RecountRepliesAsync()
    {
        if (state.State.Status is not { Deleted: false })
        {
            return;
        }

        var ticket = ++_repliesRecountsStarted;
        var count = await store.CountRepliesAsync(Id, CancellationToken.None);
        if (ticket > _repliesRecountApplied)
        {
            _repliesRecountApplied = ticket;
            if (count != _replies)
            {
                _replies = count;
                Changed();
            }
        }
    }

    private static bool IsVisibleFromMemory(StatusSnapshot status, long viewerId)
    {
        if (status.Visibility is StatusVisibility.Public or StatusVisibility.Unlisted || (viewerId > 0 && viewerId == status.AccountId))
        {
            return true;
        }

        if (viewerId <= 0)
        {
            return false;
        }

        foreach (var mention in status.Mentions)
        {
            if (mention.AccountId == viewerId)
            {
                return true;
            }
        }

        return status.SilentMentionIds is { } silent && silent.Contains(viewerId);
    }

    private ValueTask<bool> CanSeeAsync(long viewerId)
    {
        if (state.State.Status is not { Deleted: false } status)
        {
            return new(false);
        }

        if (IsVisibleFromMemory(status, viewerId))
        {
            return new(true);
        }

        return status.Visibility == StatusVisibility.Private && viewerId > 0 ? IsFollowerAsync(status.AccountId, viewerId) : new(false);
    }

    private ValueTask<bool> IsFollowerAsync(long authorId, long viewerId) =>
        GrainFactory.GetGrain<IAccountGrain>(viewerId).IsFollowingAsync(authorId);

    private StatusSnapshot? Current()
    {
        if (_current is not null || state.State.Status is not { } status)
        {
            return _current;
        }

        var reblogs = _reblogsByAccount?.Count ?? 0;
        var favourites = _favouriteMarks?.Count ?? 0;
        if (status.RepliesCount == _replies && status.ReblogsCount == reblogs && status.FavouritesCount == favourites && status.Version >= _version)
        {
            return _current = status;
        }

        return _current = status with
        {
            RepliesCount = _replies,
            ReblogsCount = reblogs,
            FavouritesCount = favourites,
            Version = Math.Max(_version, status.Version),
        };
    }

    private StatusView ViewFor(long viewerId)
    {
        var favourited = viewerId > 0 && Favourited(viewerId);
        var reblogged = viewerId > 0 && _reblogsByAccount?.ContainsKey(viewerId) == true;
        var bookmarked = viewerId > 0 && Bookmarked(viewerId);
        var pinned = state.State.Pinned && viewerId == state.State.Status!.AccountId;
        if (favourited || reblogged || bookmarked || pinned)
        {
            return new StatusView(Current()!, favourited, reblogged, bookmarked, pinned);
        }

        return _unmarkedView ??= new StatusView(Current()!, false, false, false);
    }

    private bool Favourited(long accountId) => _favouriteMarks?.ContainsKey(accountId) == true;

    private bool Bookmarked(long accountId) => _bookmarkers?.Contains(accountId) == true;

    // Versions are fresh snowflake ids: they increase across activations too.
    private void Changed()
    {
        _version = ids.NextId();
        _current = null;
        _unmarkedView = null;
    }

    private IAsyncStream<StatusEvent> StreamOf(long authorId) =>
        GetStreamProvider().GetStream<StatusEvent>(new StreamId(StatusStreams.Namespace, authorId.ToString(CultureInfo.InvariantCulture)));
}
