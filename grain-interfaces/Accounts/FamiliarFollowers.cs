using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Accounts;

/// <summary>Followers of an account that the viewing account follows too.</summary>
/// <param name="AccountId">The account asked about.</param>
/// <param name="FollowerIds">Its followers among the viewer's followees, in id order.</param>
public sealed record FamiliarFollowers(long AccountId, ImmutableArray<long> FollowerIds);
