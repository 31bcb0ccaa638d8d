using Weft.GrainInterfaces.Accounts;

namespace Weft.Grains.Data;

/// <summary>An account followed, with what the follower chose for that follow.</summary>
public readonly record struct FolloweeRow(long AccountId, FollowSettings Settings);
