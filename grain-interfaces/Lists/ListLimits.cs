namespace Weft.GrainInterfaces.Lists;

/// <summary>How many lists a user may have, and how many members a list.</summary>
public static class ListLimits
{
    /// <summary>Lists per account (Mastodon's limit).</summary>
    public const int MaxLists = 50;

    /// <summary>Members per list: the list's timeline reads each member's recent statuses.</summary>
    public const int MaxMembers = 1000;
}
