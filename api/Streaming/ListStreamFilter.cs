using System.Globalization;
using Weft.Api.Mastodon;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Lists;

namespace Weft.Api.Streaming;

/// <summary>A list stream's list as last read: its members, and its replies policy for each status.</summary>
public sealed class ListStreamFilter
{
    private readonly IGrainFactory _grains;
    private readonly ListRepliesPolicy _policy;
    private readonly long _ownerId;

    private ListStreamFilter(IGrainFactory grains, long ownerId, long listId, ListRepliesPolicy policy, HashSet<long> members)
    {
        _grains = grains;
        _ownerId = ownerId;
        ListId = listId;
        _policy = policy;
        Members = members;
    }

    public long ListId { get; }

    public IReadOnlySet<long> Members { get; }

    /// <summary>The owner's list <paramref name="listId"/>, or null if there is none.</summary>
    public static async Task<ListStreamFilter?> LoadAsync(IGrainFactory grains, long ownerId, long listId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var lists = grains.GetGrain<IListsGrain>(ownerId);
        return await lists.GetAsync(listId) is { } found && await lists.GetMembersAsync(listId) is { } members
            ? new ListStreamFilter(grains, ownerId, listId, found.RepliesPolicy, [.. members])
            : null;
    }

    /// <summary>The same list with <paramref name="members"/> instead.</summary>
    public ListStreamFilter WithMembers(HashSet<long> members) => new(_grains, _ownerId, ListId, _policy, members);

    /// <summary>Whether the list shows this status (its timeline's rules for reblogs and replies).</summary>
    public ValueTask<bool> ShowsAsync(Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        long? repliedTo = long.TryParse(status.InReplyToAccountId, NumberStyles.None, CultureInfo.InvariantCulture, out var target) ? target : null;
        var author = long.Parse(status.Account.Id, CultureInfo.InvariantCulture);
        return ListRules.ShowsAsync(_policy, Members, author, status.Reblog is not null, repliedTo, _ownerId, _grains.GetGrain<IAccountGrain>(_ownerId));
    }
}
