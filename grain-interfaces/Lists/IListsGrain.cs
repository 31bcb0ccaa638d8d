using System.Collections.Immutable;
using Weft.GrainInterfaces.Paging;

namespace Weft.GrainInterfaces.Lists;

/// <summary>
/// One user's lists of followed accounts and their timelines (Mastodon's lists). Keyed by the owner's account id. A
/// list's timeline is read from its members' statuses when asked, as a home timeline merges big accounts.
/// </summary>
public interface IListsGrain : IGrainWithIntegerKey
{
    /// <summary>The owner's lists, oldest first.</summary>
    [ReadOnly]
    Task<ImmutableArray<AccountList>> GetAllAsync();

    /// <summary>One list, or null.</summary>
    [ReadOnly]
    Task<AccountList?> GetAsync(long listId);

    /// <summary>The owner's lists that hold <paramref name="accountId"/>.</summary>
    [ReadOnly]
    Task<ImmutableArray<AccountList>> GetContainingAsync(long accountId);

    /// <summary>
    /// The members of the owner's exclusive lists, whose statuses stay out of the owner's home timeline. Answers even
    /// while another call waits (the home timeline asks while loading, and this grain tells it of changes).
    /// </summary>
    [AlwaysInterleave]
    Task<ImmutableArray<long>> GetExclusiveMembersAsync();

    /// <summary>Creates a list (fails when the owner has as many as allowed).</summary>
    Task<ListChange> CreateAsync(ListSettings settings);

    /// <summary>Changes a list's title and settings.</summary>
    Task<ListChange> UpdateAsync(long listId, ListSettings settings);

    /// <summary>Deletes a list; false if there was none.</summary>
    Task<bool> DeleteAsync(long listId);

    /// <summary>A list's members, in the order added; null if there is no such list.</summary>
    [ReadOnly]
    Task<ImmutableArray<long>?> GetMembersAsync(long listId);

    /// <summary>Adds accounts the owner follows to a list: all of them, or none.</summary>
    Task<ListChange> AddMembersAsync(long listId, ImmutableArray<long> accountIds);

    /// <summary>Removes accounts from a list (those not in it are ignored).</summary>
    Task<ListChange> RemoveMembersAsync(long listId, ImmutableArray<long> accountIds);

    /// <summary>Takes an account the owner no longer follows out of every list, as Mastodon does on unfollow.</summary>
    Task RemoveFromAllAsync(long accountId);

    /// <summary>
    /// A page of a list's timeline: status ids, newest first, with the cursors of the newest and oldest statuses read
    /// (the replies policy may leave some of those out); null if there is no such list.
    /// </summary>
    [ReadOnly]
    Task<Page<long>?> ReadTimelineAsync(long listId, PageRequest page);
}
