namespace Weft.GrainInterfaces.Statuses;

/// <summary>Who may see a status (Mastodon's four levels).</summary>
public enum StatusVisibility
{
    /// <summary>Everyone; listed on public timelines.</summary>
    Public,

    /// <summary>Everyone, but kept off public timelines.</summary>
    Unlisted,

    /// <summary>Followers of the author, and mentioned accounts.</summary>
    Private,

    /// <summary>Mentioned accounts only.</summary>
    Direct,
}
