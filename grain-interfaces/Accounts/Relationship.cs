namespace Weft.GrainInterfaces.Accounts;

/// <summary>How the viewing account relates to another one.</summary>
/// <param name="AccountId">The other account.</param>
/// <param name="Following">The viewer follows it.</param>
/// <param name="FollowedBy">It follows the viewer.</param>
public sealed record Relationship(long AccountId, bool Following, bool FollowedBy);
