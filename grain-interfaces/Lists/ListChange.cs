namespace Weft.GrainInterfaces.Lists;

/// <summary>The outcome of changing a list: the list afterwards, or why nothing changed.</summary>
public sealed record ListChange(AccountList? List, ListError? Error)
{
    /// <summary>The owner has no such list.</summary>
    public static ListChange NotFound { get; } = new(null, ListError.NotFound);
}

/// <summary>Why a list did not change.</summary>
public enum ListError
{
    /// <summary>The owner has no such list.</summary>
    NotFound,

    /// <summary>The owner has as many lists as allowed.</summary>
    TooManyLists,

    /// <summary>The list has as many members as allowed.</summary>
    TooManyMembers,

    /// <summary>Only followed accounts can be members, and one of them is not followed.</summary>
    NotFollowed,
}
