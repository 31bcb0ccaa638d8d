using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Queries;

/// <summary>
/// Lists an account's statuses (GET /api/v1/accounts/:id/statuses) from the social store's index, as a viewer may
/// see them: followers-only statuses only for the author and followers, direct ones only for the author and the
/// mentioned. Keyed by the account id. Holds no state; reads interleave.
/// </summary>
public interface IAccountStatusesGrain : IGrainWithIntegerKey
{
    /// <summary>Status ids, newest first; <paramref name="viewerId"/> 0 is anonymous.</summary>
    [ReadOnly]
    Task<ImmutableArray<long>> ListAsync(long viewerId, AccountStatusesQuery query);
}
