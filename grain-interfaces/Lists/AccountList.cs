namespace Weft.GrainInterfaces.Lists;

/// <summary>One of a user's lists of followed accounts (Mastodon's List), without its members.</summary>
/// <param name="Id">Its id (a snowflake).</param>
/// <param name="Title">Its title.</param>
/// <param name="RepliesPolicy">Which replies its timeline shows.</param>
/// <param name="Exclusive">Whether its members' statuses are to be left out of the home timeline.</param>
public sealed record AccountList(long Id, string Title, ListRepliesPolicy RepliesPolicy, bool Exclusive);

/// <summary>What a list is to be: its title and settings, as created or updated.</summary>
public sealed record ListSettings(string Title, ListRepliesPolicy RepliesPolicy, bool Exclusive);

/// <summary>Which replies to other accounts a list's timeline shows (a member's replies to itself always show).</summary>
public enum ListRepliesPolicy
{
    /// <summary>Replies to the members of the list.</summary>
    List,

    /// <summary>Replies to any account the list's owner follows.</summary>
    Followed,

    /// <summary>No replies to others.</summary>
    None,
}
