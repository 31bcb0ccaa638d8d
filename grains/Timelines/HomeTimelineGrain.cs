using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Lists;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;
using Weft.Grains.Hosting;

namespace Weft.Grains.Timelines;

/// <summary>
/// An account's home timeline (key = account id): the newest entries pushed by the fan-out, newest first, capped at
/// <see cref="SocialOptions.HomeTimelineCapacity"/>, merged at read time with the recent statuses of big followees.
/// </summary>
/// <remarks>
/// <para>Persistence is write-behind: a timer writes the entries every <see cref="SocialOptions.HomeTimelinePersistInterval"/>
/// when they changed, and deactivation writes them too. A crash can lose the entries added since the last write, so
/// activation catches up from the social store (the source of truth for statuses and follows) from a margin before
/// that write.</para>
/// <para>A timeline that was never built ignores pushed entries (Mastodon also feeds only active users); its first read
/// builds it from the store in one query, synchronously, so that read is complete. Followees come from the store. The
/// account and lists grains call the timeline; it asks them only for the muted accounts and the exclusive lists'
/// members, calls they answer even while they wait on it.</para>
/// </remarks>
public sealed partial class HomeTimelineGrain(
    [PersistentState("timeline", "Default")] IPersistentState<HomeTimelineState> state,
    ISocialStore store,
    ILiveFeed liveFeed,
    TimeProvider timeProvider,
    IOptions<SocialOptions> options,
    ILogger<HomeTimelineGrain> logger) : Grain, IHomeTimelineGrain
{
    private readonly SocialOptions _options = options.Value;
    private long[] _bigFollowees = [];
    private DateTimeOffset _bigFolloweesReadAt = DateTimeOffset.MinValue;
    private bool _dirty;
    private IGrainTimer? _persistTimer;
    private Task? _building;
    private HashSet<long>? _unfollowed;

    // The owner's followees and whether each one's reblogs show; read with the follows whenever the timeline loads.
    private readonly Dictionary<long, bool> _showsReblogsOf = [];

    // Members of the owner's exclusive lists, whose statuses and reblogs stay out; read with the follows, kept current by
    // the lists grain.
    private HashSet<long> _excluded = [];

    // Accounts the owner muted, with when each mute ends (null: never): their statuses, reblogs by them and of them stay
    // out until then; read with the follows, kept current by the account grain.
    private Dictionary<long, DateTimeOffset?> _muted = [];

    private long Owner => GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!state.State.Built)
        {
            return;
        }

        // Catch up what a crash may have lost since the last write (fan-out deliveries can lag, hence the margin).
        var since = SnowflakeId.MinimumFor(state.State.WrittenAt - _options.HomeTimelineCatchUpMargin);
        var authors = await AuthorsAsync(cancellationToken);

        // An unfollow whose removal was lost (a crash before the write, a failed call) leaves entries of an account no
        // longer followed: drop them, since the store's follows are the truth.
        var followed = new HashSet<long>(authors);
        var rows = await RecentRowsAsync(authors, since, cancellationToken);
        if (state.State.Entries.RemoveAll(e => !followed.Contains(e.AccountId) || !Admits(e)) > 0)
        {
            _dirty = true;
        }

        if (MergeRows(rows) > 0)
        {
            _dirty = true;
        }

        StartPersisting();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _persistTimer?.Dispose();
        if (_dirty)
        {
            await PersistAsync(cancellationToken);
        }
    }

    public Task AddAsync(ImmutableArray<TimelineEntry> entries)
    {
        // Not built yet: the store has these statuses, and the first read builds from it. (A build runs inside a read,
        // which this non-read-only call never overlaps.)
        if (!state.State.Built)
        {
            return Task.CompletedTask;
        }

        var entriesList = state.State.Entries;
        var owner = Owner;
        foreach (var entry in entries)
        {
            // A fan-out that read its follower page before an unfollow delivers late: the unfollowed account stays out.
            if ((_unfollowed is not null && _unfollowed.Contains(entry.AccountId)) || !Admits(entry))
            {
                continue;
            }

            if (TimelineEntries.TryInsert(entriesList, entry, owner, _options.HomeTimelineCapacity))
            {
                _dirty = true;
                liveFeed.Publish(LiveChannel.User(owner), new LiveEvent(LiveEventKind.Update, entry.StatusId));
            }
        }

        return Task.CompletedTask;
    }

    public Task RemoveStatusAsync(long statusId)
    {
        var entries = state.State.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            var entry = entries[i];
            if (entry.StatusId == statusId || entry.ReblogOfId == statusId)
            {
                entries.RemoveAt(i);
                _dirty = true;
                liveFeed.Publish(LiveChannel.User(Owner), new LiveEvent(LiveEventKind.Delete, entry.StatusId));
            }
        }

        return Task.CompletedTask;
    }

    public async Task MergeAuthorAsync(long authorId, bool showReblogs)
    {
        _unfollowed?.Remove(authorId);
        if (!state.State.Built)
        {
            return;
        }

        _showsReblogsOf[authorId] = showReblogs;
        if (!showReblogs && state.State.Entries.RemoveAll(e => e.AccountId == authorId && e.ReblogOfId is not null) > 0)
        {
            _dirty = true;
        }

        await RefreshBigFolloweesAsync(force: true);
        if (Array.IndexOf(_bigFollowees, authorId) >= 0)
        {
            return;
        }

        var rows = await store.ListRecentByAuthorsAsync([authorId], Owner, 0, _options.HomeTimelineCapacity, CancellationToken.None);
        if (MergeRows(rows) > 0)
        {
            _dirty = true;
        }
    }

    public Task RemoveAuthorAsync(long authorId)
    {
        if (authorId != Owner)
        {
            (_unfollowed ??= []).Add(authorId);
            _showsReblogsOf.Remove(authorId);
        }

        // The author's statuses and reblogs by the author; reblogs of the author's statuses by others stay (as in Mastodon).
        if (state.State.Entries.RemoveAll(e => e.AccountId == authorId) > 0)
        {
            _dirty = true;
        }

        if (Array.IndexOf(_bigFollowees, authorId) >= 0)
        {
            _bigFollowees = Array.FindAll(_bigFollowees, id => id != authorId);
        }

        return Task.CompletedTask;
    }

    public Task SetExcludedAuthorsAsync(ImmutableArray<long> accountIds)
    {
        var before = _excluded;
        _excluded = [.. accountIds];
        _excluded.Remove(Owner);
        return HiddenChangedAsync(before);
    }

    public Task SetMutesAsync(ImmutableArray<Mute> mutes)
    {
        var before = _muted.Keys.ToHashSet();
        _muted = MutesByAccount(mutes);
        return HiddenChangedAsync(before);
    }

    private Dictionary<long, DateTimeOffset?> MutesByAccount(ImmutableArray<Mute> mutes) =>
        mutes.Where(m => m.AccountId != Owner).ToDictionary(m => m.AccountId, m => m.ExpiresAt);

    private bool IsMuted(long accountId) =>
        _muted.Count > 0 && _muted.TryGetValue(accountId, out var endsAt) && (endsAt is not { } at || at > timeProvider.GetUtcNow());

    // Entries now hidden leave; followed accounts hidden before and no longer are merged back in one read (big ones
    // merge at read time).
    private async Task HiddenChangedAsync(HashSet<long> hiddenBefore)
    {
        if (!state.State.Built)
        {
            return;
        }

        if (state.State.Entries.RemoveAll(e => !Admits(e)) > 0)
        {
            _dirty = true;
        }

        var returning = hiddenBefore.Where(author => !_excluded.Contains(author) && !IsMuted(author) && _showsReblogsOf.ContainsKey(author)).ToList();
        if (returning.Count == 0)
        {
            return;
        }

        await RefreshBigFolloweesAsync(force: true);
        returning.RemoveAll(author => Array.IndexOf(_bigFollowees, author) >= 0);
        var rows = await store.ListRecentByAuthorsAsync(returning, Owner, 0, _options.HomeTimelineCapacity, CancellationToken.None);
        if (MergeRows(rows) > 0)
        {
            _dirty = true;
        }
    }

    // Inserts store rows (newest first) oldest first, so the reblog rules see what came before each one.
    private int MergeRows(IReadOnlyList<StatusRow> rows)
    {
        var added = 0;
        var entries = state.State.Entries;
        var owner = Owner;
        for (var i = rows.Count - 1; i >= 0; i--)
        {
            var entry = TimelineEntries.From(rows[i]);
            if (Admits(entry) && TimelineEntries.TryInsert(entries, entry, owner, _options.HomeTimelineCapacity))
            {
                added++;
            }
        }

        return added;
    }

    // The followees (and the owner) whose statuses this timeline shows; refreshes what Admits knows of them, of the
    // exclusive lists' members and of muted accounts (the lists and account grains answer those calls even while they
    // are calling this grain).
    private async Task<List<long>> AuthorsAsync(CancellationToken cancellationToken)
    {
        var excluded = GrainFactory.GetGrain<IListsGrain>(Owner).GetExclusiveMembersAsync();
        var muted = GrainFactory.GetGrain<IAccountGrain>(Owner).GetMutedAsync();
        var followees = await store.ListFolloweesAsync(Owner, cancellationToken);
        _excluded = [.. await excluded];
        _excluded.Remove(Owner);
        _muted = MutesByAccount(await muted);
        var authors = new List<long>(followees.Count + 1);
        _showsReblogsOf.Clear();
        foreach (var followee in followees)
        {
            authors.Add(followee.AccountId);
            _showsReblogsOf[followee.AccountId] = followee.Settings.ShowReblogs;
        }

        authors.Add(Owner);
        return authors;
    }

    /// <summary>
    /// Mastodon's home filter (FeedManager#filter_from_home?): the owner's own statuses always; nothing by members of
    /// the owner's exclusive lists, nothing by or reblogging muted accounts; a reblog unless the owner hid the reblogger's reblogs; a reply to someone else only
    /// if the owner is that account or follows it.
    /// </summary>
    private bool Admits(TimelineEntry entry)
    {
        var owner = Owner;
        if (entry.AccountId == owner)
        {
            return true;
        }

        if (_excluded.Count > 0 && _excluded.Contains(entry.AccountId))
        {
            return false;
        }

        if (_muted.Count > 0 && (IsMuted(entry.AccountId) || entry.ReblogOfAccountId is { } original && IsMuted(original)))
        {
            return false;
        }

        if (entry.ReblogOfId is not null)
        {
            return !_showsReblogsOf.TryGetValue(entry.AccountId, out var showsReblogs) || showsReblogs;
        }

        return entry.InReplyToAccountId is not { } repliedTo
            || repliedTo == entry.AccountId
            || repliedTo == owner
            || _showsReblogsOf.ContainsKey(repliedTo);
    }

    private void StartPersisting() =>
        _persistTimer ??= RegisterGrainTimer(
            ct => _dirty ? PersistAsync(ct) : Task.CompletedTask,
            new GrainTimerOptions(_options.HomeTimelinePersistInterval, _options.HomeTimelinePersistInterval));

    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        _dirty = false;
        state.State.WrittenAt = timeProvider.GetUtcNow();
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e)
        {
            _dirty = true;
            TimelineLog.PersistFailed(logger, e, Owner);
            throw;
        }
    }
}
