using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Lists;
using Weft.GrainInterfaces.Notifications;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;
using Weft.Grains.Hosting;
using Weft.Grains.Ids;
using Weft.Grains.Notifications;
using Weft.Grains.Text;

namespace Weft.Grains.Accounts;

/// <summary>
/// One account (key = account id). State: the profile and recent idempotency keys. Memory: the set of followees and
/// the counters, loaded from the social store on activation (so they are exact after a crash) and then kept by this
/// single-threaded grain whenever a store write reports a change (so they are exact under concurrency).
/// </summary>
/// <remarks>
/// The followers counter is the one number another grain changes (<see cref="FollowedByAsync"/>). A follow committed
/// just before this grain activated may or may not be in the activation's count, so for
/// <see cref="SocialOptions.CounterSettleWindow"/> after activation those calls recount instead of adding one; a
/// recount only applies if no later-started one has applied already, so concurrent recounts cannot go backwards.
/// </remarks>
public sealed partial class AccountGrain(
    [PersistentState("account", "Default")] IPersistentState<AccountState> state,
    ISocialStore store,
    SnowflakeIdGenerator ids,
    TimeProvider timeProvider,
    IOptions<SocialOptions> options,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    /// <summary>Idempotency keys remembered (the newest ones).</summary>
    public const int MaxIdempotencyKeys = 200;

    /// <summary>Mastodon's limit on pinned statuses.</summary>
    public const int MaxPinnedStatuses = 5;

    // Attempts at a follow-up step that can run twice without harm.
    private const int RepeatableAttempts = 3;

    private static readonly TimeSpan s_idempotencyKeyLifetime = TimeSpan.FromHours(24);

    private readonly Dictionary<long, FollowSettings> _following = [];
    private long _followers;
    private long _statuses;
    private DateTimeOffset? _lastStatusAt;
    private long _version;
    private AccountSnapshot? _snapshot;
    private DateTimeOffset _recountFollowersUntil;
    private long _followerRecountsStarted;
    private long _followerRecountApplied;
    private int _followerRecountsInFlight;

    // Whether the pinned statuses' marks were brought in line with the list since activation (GetPinnedAsync).
    private bool _pinMarksChecked;

    private long Id => GetPrimaryKeyLong();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Profile is null)
        {
            return;
        }

        var relations = store.LoadAccountRelationsAsync(Id, cancellationToken);
        await Task.WhenAll(relations, EnsureListedAsync(cancellationToken));
        foreach (var followee in relations.Result.Followees)
        {
            _following[followee.AccountId] = followee.Settings;
        }

        _followers = relations.Result.FollowersCount;
        _statuses = relations.Result.StatusesCount;
        _lastStatusAt = relations.Result.NewestStatusId is { } newestId ? SnowflakeId.GetTimestamp(newestId) : null;
        _recountFollowersUntil = timeProvider.GetUtcNow() + options.Value.CounterSettleWindow;
        Changed();
    }

    public async Task<AccountSnapshot> CreateAsync(AccountProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (state.State.Profile is null)
        {
            if (profile.Id != Id)
            {
                throw new ArgumentException($"Profile id {profile.Id} does not match account grain {Id}.", nameof(profile));
            }

            state.State.Profile = profile;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Profile = null;
                throw;
            }

            Changed();
        }

        await EnsureListedAsync(CancellationToken.None);
        return Snapshot()!;
    }

    // Listed after the profile's first write, and again by an activation if a crash came in between, or when the display
    // name it is searched by changed; the flag that says so is written last, so a listing is never assumed. Failing to
    // record the flag fails nothing: the account is listed, and listing again is harmless. A stale ETag still throws
    // (another activation wrote this state).
    private async Task EnsureListedAsync(CancellationToken cancellationToken)
    {
        var profile = state.State.Profile!;
        if (state.State.Listed && state.State.ListedDisplayName == profile.DisplayName)
        {
            return;
        }

        await store.AddAccountAsync(Id, profile.Username, profile.DisplayName, cancellationToken);
        var (listedBefore, nameBefore) = (state.State.Listed, state.State.ListedDisplayName);
        (state.State.Listed, state.State.ListedDisplayName) = (true, profile.DisplayName);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e)
        {
            (state.State.Listed, state.State.ListedDisplayName) = (listedBefore, nameBefore);
            if (e is InconsistentStateException)
            {
                throw;
            }

            AccountLog.ListedNotRecorded(logger, e, Id);
        }
    }

    public async Task<AccountCredentials?> UpdateProfileAsync(ProfileChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (state.State.Profile is not { } before)
        {
            return null;
        }

        var after = before with
        {
            DisplayName = change.DisplayName ?? before.DisplayName,
            Bot = change.Bot ?? before.Bot,
            Fields = change.Fields is not { } fields ? before.Fields : fields.IsDefaultOrEmpty ? null : fields,
            Discoverable = change.Discoverable ?? before.Discoverable,
            Indexable = change.Indexable ?? before.Indexable,
            HideCollections = change.HideCollections ?? before.HideCollections,
        };
        if (change.Note is { } note)
        {
            // Mentions and hashtags link as in a status; resolved now, so rendering needs no lookups. Resolved again
            // whenever the note is sent, so sending it anew links an account registered since.
            var parsed = StatusTextParser.Parse(note);
            var mentions = await ResolveMentionsAsync(parsed.MentionedUsernames);
            after = after with
            {
                Note = note,
                NoteMentions = mentions.IsEmpty ? null : mentions,
                NoteTags = parsed.Tags.IsEmpty ? null : parsed.Tags,
            };
        }

        var defaultsBefore = state.State.PostingDefaults;
        var defaults = CurrentPostingDefaults;
        var defaultsAfter = defaults with
        {
            Visibility = change.DefaultVisibility ?? defaults.Visibility,
            Sensitive = change.DefaultSensitive ?? defaults.Sensitive,
            Language = change.DefaultLanguage is null ? defaults.Language : change.DefaultLanguage.Length == 0 ? null : change.DefaultLanguage,
        };
        if (after != before || defaultsAfter != defaults)
        {
            // A new display name reaches the directory first, so that the state written next can say it is listed under
            // it; if that write fails, the directory holds a name the profile does not, and the next activation lists
            // the profile's again.
            var listedNameBefore = state.State.ListedDisplayName;
            var relist = state.State.Listed && after.DisplayName != listedNameBefore;
            if (relist)
            {
                await store.AddAccountAsync(Id, after.Username, after.DisplayName, CancellationToken.None);
            }

            state.State.Profile = after;
            state.State.PostingDefaults = defaultsAfter == PostingDefaults.Initial ? null : defaultsAfter;
            state.State.ListedDisplayName = relist ? after.DisplayName : listedNameBefore;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                // Interleaved reads may have cached a snapshot of the unsaved profile.
                state.State.Profile = before;
                state.State.PostingDefaults = defaultsBefore;
                state.State.ListedDisplayName = listedNameBefore;
                Changed();
                throw;
            }

            Changed();
        }

        return Credentials();
    }

    public ValueTask<AccountSnapshot?> GetAsync() => new(Snapshot());

    public ValueTask<PostingDefaults> GetPostingDefaultsAsync() => new(CurrentPostingDefaults);

    public ValueTask<AccountCredentials?> GetCredentialsAsync() => new(Credentials());

    // Stored only once changed: a new account's state has none.
    private PostingDefaults CurrentPostingDefaults => state.State.PostingDefaults ?? PostingDefaults.Initial;

    private AccountCredentials? Credentials() =>
        Snapshot() is { } snapshot ? new AccountCredentials(snapshot, CurrentPostingDefaults) : null;

    public ValueTask<bool> IsFollowingAsync(long accountId) => new(_following.ContainsKey(accountId));

    public async Task<Relationship?> SetNoteAsync(long accountId, string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        if (state.State.Profile is null)
        {
            return null;
        }

        var notes = state.State.Notes;
        var before = notes.GetValueOrDefault(accountId);
        if ((before ?? "") != note)
        {
            if (note.Length == 0)
            {
                notes.Remove(accountId);
            }
            else
            {
                notes[accountId] = note;
            }

            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                if (before is null)
                {
                    notes.Remove(accountId);
                }
                else
                {
                    notes[accountId] = before;
                }

                throw;
            }
        }

        return await RelationshipAsync(accountId);
    }

    public ValueTask<bool> ShowsReblogsOfAsync(long accountId) => new(_following.TryGetValue(accountId, out var settings) && settings.ShowReblogs);

    public async Task<ImmutableArray<Relationship>> GetRelationshipsAsync(ImmutableArray<long> accountIds)
    {
        if (accountIds.IsDefaultOrEmpty)
        {
            return [];
        }

        var followers = state.State.Profile is null
            ? []
            : new HashSet<long>(await store.FilterFollowersAsync(Id, accountIds, CancellationToken.None));
        var result = ImmutableArray.CreateBuilder<Relationship>(accountIds.Length);
        foreach (var accountId in accountIds)
        {
            result.Add(RelationshipTo(accountId, followers.Contains(accountId)));
        }

        return result.MoveToImmutable();
    }

    public async Task<ImmutableArray<FamiliarFollowers>> GetFamiliarFollowersAsync(ImmutableArray<long> accountIds)
    {
        if (accountIds.IsDefaultOrEmpty)
        {
            return [];
        }

        var followees = _following.Keys.ToArray();
        var lists = new Task<IReadOnlyList<long>>[accountIds.Length];
        for (var i = 0; i < lists.Length; i++)
        {
            lists[i] = followees.Length == 0 ? Task.FromResult<IReadOnlyList<long>>([]) : store.FilterFollowersAsync(accountIds[i], followees, CancellationToken.None);
        }

        await Task.WhenAll(lists);
        var result = ImmutableArray.CreateBuilder<FamiliarFollowers>(accountIds.Length);
        for (var i = 0; i < lists.Length; i++)
        {
            result.Add(new FamiliarFollowers(accountIds[i], [.. lists[i].Result]));
        }

        return result.MoveToImmutable();
    }

    public async Task<Page<long>> GetFollowersAsync(PageRequest page) =>
        ToPage(await store.ListFollowersAsync(Id, page, CancellationToken.None));

    public async Task<Page<long>> GetFollowingAsync(PageRequest page) =>
        ToPage(await store.ListFollowingAsync(Id, page, CancellationToken.None));

    public async Task<FollowResult> FollowAsync(long targetId, FollowChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var id = Id;
        if (targetId == id)
        {
            return new FollowResult(Relationship.None(targetId), false, FollowError.Self);
        }

        var target = GrainFactory.GetGrain<IAccountGrain>(targetId);
        if (state.State.Profile is null || targetId <= 0 || await target.GetAsync() is null)
        {
            return new FollowResult(Relationship.None(targetId), false, FollowError.NotFound);
        }

        if (!_following.TryGetValue(targetId, out var current))
        {
            var settings = FollowSettings.Default.With(change);

            // The followee's notification is written with the follow (none if it muted this account's notifications).
            var notification = await NotificationDrafts.ForAsync(GrainFactory, ids, targetId, NotificationType.Follow, id, statusId: null);
            var added = await store.AddFollowAsync(id, targetId, ids.NextId(), settings, notification, CancellationToken.None);
            if (added.Added)
            {
                _following[targetId] = settings;
                Changed();

                // Each step on its own: one failing must not skip the others (the follow itself is committed).
                await SideEffectAsync(() => GrainFactory.GetGrain<IHomeTimelineGrain>(id).MergeAuthorAsync(targetId, settings.ShowReblogs), targetId, RepeatableAttempts);
                await SideEffectAsync(() => target.FollowedByAsync(id), targetId);
                if (added.Notified)
                {
                    await SideEffectAsync(() => GrainFactory.GetGrain<INotificationsGrain>(targetId).AnnounceAsync(notification!.Id), targetId);
                }

                return new FollowResult(await RelationshipAsync(targetId), true);
            }

            // Followed already, from an activation before this one: the stored settings are the truth.
            current = await StoredSettingsAsync(targetId);
            _following[targetId] = current;
            Changed();
        }

        // Following again changes only the settings it names.
        var changed = await ChangeFollowAsync(targetId, current, current.With(change));
        return new FollowResult(await RelationshipAsync(targetId), changed);
    }

    // The home timeline learns whether reblogs now show.
    private async Task<bool> ChangeFollowAsync(long targetId, FollowSettings current, FollowSettings wanted)
    {
        if (wanted == current || !await store.UpdateFollowAsync(Id, targetId, wanted, CancellationToken.None))
        {
            return false;
        }

        _following[targetId] = wanted;
        if (wanted.ShowReblogs != current.ShowReblogs)
        {
            await SideEffectAsync(() => GrainFactory.GetGrain<IHomeTimelineGrain>(Id).MergeAuthorAsync(targetId, wanted.ShowReblogs), targetId, RepeatableAttempts);
        }

        return true;
    }

    private async Task<FollowSettings> StoredSettingsAsync(long targetId)
    {
        foreach (var followee in await store.ListFolloweesAsync(Id, CancellationToken.None))
        {
            if (followee.AccountId == targetId)
            {
                return followee.Settings;
            }
        }

        return FollowSettings.Default;
    }

    public async Task<FollowResult> UnfollowAsync(long targetId)
    {
        var id = Id;
        if (targetId == id)
        {
            return new FollowResult(Relationship.None(targetId), false, FollowError.Self);
        }

        if (state.State.Profile is null)
        {
            return new FollowResult(Relationship.None(targetId), false, FollowError.NotFound);
        }

        var removed = await store.RemoveFollowAsync(id, targetId, CancellationToken.None);
        _following.Remove(targetId);
        if (removed)
        {
            Changed();
            await SideEffectAsync(() => GrainFactory.GetGrain<IHomeTimelineGrain>(id).RemoveAuthorAsync(targetId), targetId, RepeatableAttempts);
            await SideEffectAsync(() => GrainFactory.GetGrain<IAccountGrain>(targetId).UnfollowedByAsync(id), targetId);
        }

        // Even when there was no follow to remove: an unfollow repeated after a failed clean-up finishes it.
        await SideEffectAsync(() => GrainFactory.GetGrain<IListsGrain>(id).RemoveFromAllAsync(targetId), targetId, RepeatableAttempts);

        return new FollowResult(await RelationshipAsync(targetId), removed);
    }

    public Task FollowedByAsync(long followerId) => FollowersChangedAsync(+1);

    public Task UnfollowedByAsync(long followerId) => FollowersChangedAsync(-1);

    public Task StatusCountChangedAsync(int delta, DateTimeOffset? lastStatusAt)
    {
        _statuses = Math.Max(0, _statuses + delta);
        if (lastStatusAt is { } at && (_lastStatusAt is null || at > _lastStatusAt))
        {
            _lastStatusAt = at;
        }

        Changed();
        return Task.CompletedTask;
    }

    private Task FollowersChangedAsync(int delta)
    {
        if (state.State.Profile is null)
        {
            return Task.CompletedTask;
        }

        if (_followerRecountsInFlight == 0 && timeProvider.GetUtcNow() >= _recountFollowersUntil)
        {
            _followers = Math.Max(0, _followers + delta);
            Changed();
            return Task.CompletedTask;
        }

        return RecountFollowersAsync();
    }

    private async Task RecountFollowersAsync()
    {
        var ticket = ++_followerRecountsStarted;
        _followerRecountsInFlight++;
        try
        {
            var count = await store.CountFollowersAsync(Id, CancellationToken.None);
            if (ticket > _followerRecountApplied)
            {
                _followerRecountApplied = ticket;
                _followers = count;
                Changed();
            }
        }
        finally
        {
            _followerRecountsInFlight--;
        }
    }

    // A follow's side effect: logged if it fails (the follow is committed; counters are recounted on activation, and a
    // home timeline drops the entries of accounts no longer followed when it activates). Steps that can run twice
    // without harm (timeline merges and removals, notification rows, list clean-up) get more attempts, 100 and 200 ms
    // apart, so a passing database error does not lose a follow's notification; counter updates get one.
    private async Task SideEffectAsync(Func<Task> sideEffect, long targetId, int attempts = 1)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await sideEffect();
                return;
            }
            catch (Exception e) when (attempt < attempts)
            {
                AccountLog.FollowSideEffectRetried(logger, e, Id, targetId, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(100 << (attempt - 1)), timeProvider);
            }
            catch (Exception e)
            {
                AccountLog.FollowSideEffectFailed(logger, e, Id, targetId);
                return;
            }
        }
    }

    private async Task<Relationship> RelationshipAsync(long accountId)
    {
        var followers = await store.FilterFollowersAsync(Id, [accountId], CancellationToken.None);
        return RelationshipTo(accountId, followers.Count > 0);
    }

    private Relationship RelationshipTo(long accountId, bool followedBy)
    {
        var note = state.State.Notes.GetValueOrDefault(accountId, "");
        var mute = ActiveMute(accountId);
        return _following.TryGetValue(accountId, out var settings)
            ? new Relationship(accountId, Following: true, followedBy, settings.ShowReblogs, settings.Notify, note, mute is not null, mute?.Notifications == true)
            : new Relationship(accountId, Following: false, followedBy, ShowingReblogs: false, Notifying: false, note, mute is not null, mute?.Notifications == true);
    }

    private AccountSnapshot? Snapshot()
    {
        if (_snapshot is not null || state.State.Profile is not { } profile)
        {
            return _snapshot;
        }

        return _snapshot = new AccountSnapshot(profile, _followers, _following.Count, _statuses, _lastStatusAt, _version);
    }

    // Versions are fresh snowflake ids: they increase across activations too, so a renderer's cache never sees an old number again.
    private void Changed()
    {
        _version = ids.NextId();
        _snapshot = null;
    }

    private static Page<long> ToPage(IReadOnlyList<FollowRow> rows)
    {
        if (rows.Count == 0)
        {
            return Page<long>.Empty;
        }

        var items = ImmutableArray.CreateBuilder<long>(rows.Count);
        foreach (var row in rows)
        {
            items.Add(row.AccountId);
        }

        return new Page<long>(items.MoveToImmutable(), rows[0].FollowId, rows[^1].FollowId);
    }
}
