using System.Collections.Immutable;
using Weft.GrainInterfaces.Accounts;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Lists an account's statuses from the social store; followers-only ones for the author and followers.</summary>
public sealed class AccountStatusesGrain(ISocialStore store) : Grain, IAccountStatusesGrain
{
    public async Task<ImmutableArray<long>> ListAsync(long viewerId, AccountStatusesQuery query)
    {
        var accountId = this.GetPrimaryKeyLong();
        var includePrivate = viewerId != 0
            && (viewerId == accountId || await GrainFactory.GetGrain<IAccountGrain>(viewerId).IsFollowingAsync(accountId));
        var filter = new StatusListFilter(includePrivate, viewerId, query.ExcludeReplies, query.ExcludeReblogs, query.OnlyMedia, query.Tagged);
        return [.. await store.ListAccountStatusesAsync(accountId, filter, query.Page, CancellationToken.None)];
    }
}
