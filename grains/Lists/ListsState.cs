using Weft.GrainInterfaces.Lists;

namespace Weft.Grains.Lists;

/// <summary>What a lists grain stores: the owner's lists with their members.</summary>
public sealed class ListsState
{
    public List<StoredList> Lists { get; set; } = [];
}

/// <summary>One list as stored.</summary>
public sealed class StoredList
{
    public long Id { get; set; }

    public string Title { get; set; } = string.Empty;

    public ListRepliesPolicy RepliesPolicy { get; set; }

    public bool Exclusive { get; set; }

    /// <summary>Member account ids, in the order added.</summary>
    public List<long> Members { get; set; } = [];

    public AccountList ToList() => new(Id, Title, RepliesPolicy, Exclusive);
}
