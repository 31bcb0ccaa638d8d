namespace Weft.GrainInterfaces.Accounts;

/// <summary>How the viewing account relates to another one.</summary>
/// <param name="AccountId">The other account.</param>
/// <param name="Following">The viewer follows it.</param>
/// <param name="FollowedBy">It follows the viewer.</param>
/// <param name="ShowingReblogs">The viewer follows it and sees its reblogs.</param>
/// <param name="Notifying">The viewer follows it and is notified of its statuses.</param>
/// <param name="Note">The viewer's private note on it (empty if none).</param>
/// <param name="Muting">The viewer muted it.</param>
/// <param name="MutingNotifications">The viewer muted its notifications too.</param>
public sealed record Relationship(
    long AccountId, bool Following, bool FollowedBy, bool ShowingReblogs, bool Notifying, string Note = "", bool Muting = false, bool MutingNotifications = false)
{
    /// <summary>No relation in either direction.</summary>
    public static Relationship None(long accountId) => new(accountId, false, false, false, false);
}
