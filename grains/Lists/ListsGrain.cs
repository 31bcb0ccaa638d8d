using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Lists;
using Weft.GrainInterfaces.Live;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.GrainInterfaces.Timelines;
using Weft.Grains.Data;
using Weft.Grains.Ids;

namespace Weft.Grains.Lists;

/// <summary>
/// One user's lists (key = owner account id), kept whole in the grain's state: a few dozen lists of up to a thousand
/// members each. A list's timeline is read from the social store when asked (its members' recent statuses), so lists
/// cost nothing on the posting path.
/// </summary>
public sealed partial class ListsGrain(
    [PersistentState("lists", "Default")] IPersistentState<ListsState> state,
    ISocialStore store,
    SnowflakeIdGenerator ids,
    ILiveFeed liveFeed,
    ILogger<ListsGrain> logger) : Grain, IListsGrain
{
    private long Owner => GetPrimaryKeyLong();

    public Task<ImmutableArray<AccountList>> GetAllAsync() => Task.FromResult<ImmutableArray<AccountList>>([.. state.State.Lists.Select(l => l.ToList())]);

    public Task<AccountList?> GetAsync(long listId) => Task.FromResult(Find(listId)?.ToList());

    public Task<ImmutableArray<AccountList>> GetContainingAsync(long accountId) =>
        Task.FromResult<ImmutableArray<AccountList>>([.. state.State.Lists.Where(l => l.Members.Contains(accountId)).Select(l => l.ToList())]);

    public Task<ImmutableArray<long>> GetExclusiveMembersAsync() => Task.FromResult<ImmutableArray<long>>([.. ExclusiveMembers()]);

    public Task<ImmutableArray<long>?> GetMembersAsync(long listId) =>
        Task.FromResult(Find(listId) is { } list ? ImmutableArray.CreateRange(list.Members) : (ImmutableArray<long>?)null);

    public async Task<ListChange> CreateAsync(ListSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Lists.Count >= ListLimits.MaxLists)
        {
            return new ListChange(null, ListError.TooManyLists);
        }

        var list = new StoredList { Id = ids.NextId(), Title = settings.Title, RepliesPolicy = settings.RepliesPolicy, Exclusive = settings.Exclusive };
        state.State.Lists.Add(list);
        await WriteOrUndoAsync(() => state.State.Lists.Remove(list));
        return new ListChange(list.ToList(), null);
    }

    public async Task<ListChange> UpdateAsync(long listId, ListSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (Find(listId) is not { } list)
        {
            return ListChange.NotFound;
        }

        var excluded = ExclusiveMembers();
        var (title, policy, exclusive) = (list.Title, list.RepliesPolicy, list.Exclusive);
        (list.Title, list.RepliesPolicy, list.Exclusive) = (settings.Title, settings.RepliesPolicy, settings.Exclusive);
        await WriteOrUndoAsync(() => (list.Title, list.RepliesPolicy, list.Exclusive) = (title, policy, exclusive));
        await ExclusionsChangedAsync(excluded);
        PublishChanged(listId, LiveEventKind.ListChanged);
        return new ListChange(list.ToList(), null);
    }

    public async Task<bool> DeleteAsync(long listId)
    {
        var index = state.State.Lists.FindIndex(l => l.Id == listId);
        if (index < 0)
        {
            return false;
        }

        var excluded = ExclusiveMembers();
        var list = state.State.Lists[index];
        state.State.Lists.RemoveAt(index);
        await WriteOrUndoAsync(() => state.State.Lists.Insert(index, list));
        await ExclusionsChangedAsync(excluded);
        PublishChanged(listId, LiveEventKind.ListDeleted);
        return true;
    }

    public async Task<ListChange> AddMembersAsync(long listId, ImmutableArray<long> accountIds)
    {
        if (Find(listId) is not { } list)
        {
            return ListChange.NotFound;
        }

        var added = accountIds.IsDefault ? [] : accountIds.Distinct().Where(id => !list.Members.Contains(id)).ToList();
        var owner = GrainFactory.GetGrain<IAccountGrain>(Owner);
        foreach (var accountId in added)
        {
            if (accountId != Owner && !await owner.IsFollowingAsync(accountId))
            {
                return new ListChange(null, ListError.NotFollowed);
            }
        }

        if (list.Members.Count + added.Count > ListLimits.MaxMembers)
        {
            return new ListChange(null, ListError.TooManyMembers);
        }

        if (added.Count > 0)
        {
            var excluded = ExclusiveMembers();
            list.Members.AddRange(added);
            await WriteOrUndoAsync(() => list.Members.RemoveRange(list.Members.Count - added.Count, added.Count));
            await ExclusionsChangedAsync(excluded);
            PublishMembers(listId, LiveEventKind.ListMemberAdded, added);
        }

        return new ListChange(list.ToList(), null);
    }

    public async Task<ListChange> RemoveMembersAsync(long listId, ImmutableArray<long> accountIds)
    {
        if (Find(listId) is not { } list)
        {
            return ListChange.NotFound;
        }

        var removed = accountIds.IsDefault ? [] : accountIds.ToHashSet();
        var before = list.Members;
        if (before.Exists(removed.Contains))
        {
            var excluded = ExclusiveMembers();
            list.Members = before.FindAll(id => !removed.Contains(id));
            await WriteOrUndoAsync(() => list.Members = before);
            await ExclusionsChangedAsync(excluded);
            PublishMembers(listId, LiveEventKind.ListMemberRemoved, before.FindAll(removed.Contains));
        }

        return new ListChange(list.ToList(), null);
    }

    public async Task RemoveFromAllAsync(long accountId)
    {
        var holding = state.State.Lists.FindAll(l => l.Members.Contains(accountId));
        if (holding.Count == 0)
        {
            return;
        }

        var excluded = ExclusiveMembers();
        var before = holding.Select(l => l.Members).ToList();
        foreach (var list in holding)
        {
            list.Members = list.Members.FindAll(id => id != accountId);
        }

        await WriteOrUndoAsync(() =>
        {
            for (var i = 0; i < holding.Count; i++)
            {
                holding[i].Members = before[i];
            }
        });
        await ExclusionsChangedAsync(excluded);
        foreach (var list in holding)
        {
            PublishMembers(list.Id, LiveEventKind.ListMemberRemoved, [accountId]);
        }
    }

    public async Task<Page<long>?> ReadTimelineAsync(long listId, PageRequest page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Find(listId) is not { } list)
        {
            return null;
        }

        if (list.Members.Count == 0 || page.Limit <= 0)
        {
            return Page<long>.Empty;
        }

        // The replies policy, muted accounts and the exclusion of direct statuses leave out some of what a read returns.
        var policy = list.RepliesPolicy;
        var members = list.Members.ToHashSet();
        long[] authors = [.. members];
        var owner = GrainFactory.GetGrain<IAccountGrain>(Owner);
        var muted = (await owner.GetMutedAsync()).Select(mute => mute.AccountId).ToHashSet();
        return await PageFilling.FillAsync(
            page,
            bounds => store.ListByAuthorsAsync(authors, Owner, bounds, CancellationToken.None),
            static row => row.Id,
            async rows =>
            {
                var shown = new List<long>(rows.Count);
                foreach (var row in rows)
                {
                    if (row.Visibility != StatusVisibility.Direct
                        && !Muting.Hides(muted, row.AccountId, row.ReblogOfAccountId)
                        && await ListRules.ShowsAsync(policy, members, row.AccountId, row.ReblogOfId is not null, row.InReplyToAccountId, Owner, owner))
                    {
                        shown.Add(row.Id);
                    }
                }

                return shown;
            },
            static id => id);
    }

    private StoredList? Find(long listId) => state.State.Lists.Find(l => l.Id == listId);

    // Open list streams follow the list: published once the change is stored and before the caller is answered, so a
    // member added is streamed from the moment the call returns (best effort, as every live event).
    private void PublishChanged(long listId, LiveEventKind kind) => liveFeed.Publish(LiveChannel.List(listId), new LiveEvent(kind, listId));

    private void PublishMembers(long listId, LiveEventKind kind, List<long> accountIds)
    {
        foreach (var accountId in accountIds)
        {
            liveFeed.Publish(LiveChannel.List(listId), new LiveEvent(kind, accountId));
        }
    }

    private HashSet<long> ExclusiveMembers() => [.. state.State.Lists.Where(l => l.Exclusive).SelectMany(l => l.Members)];

    // Tells the owner's home timeline when the exclusive lists' members changed. The lists are stored by then, so a
    // failure is only logged: the timeline reads the members again whenever it loads.
    private async Task ExclusionsChangedAsync(HashSet<long> before)
    {
        var after = ExclusiveMembers();
        if (after.SetEquals(before))
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<IHomeTimelineGrain>(Owner).SetExcludedAuthorsAsync([.. after]);
        }
        catch (Exception e)
        {
            LogExclusionsNotApplied(logger, e, Owner);
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "The home timeline of {AccountId} did not take the new members of its exclusive lists; it reads them when it next loads")]
    private static partial void LogExclusionsNotApplied(ILogger logger, Exception exception, long accountId);

    // Writes the state; on failure puts memory back as it was, so it matches what is stored.
    private async Task WriteOrUndoAsync(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
