using System.Collections.Immutable;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Reads the account directory, the hashtags in use and the instance's figures from the social store.</summary>
public sealed class DirectoryGrain(ISocialStore store, TimeProvider timeProvider) : Grain, IDirectoryGrain
{
    // The counts scan whole tables on PostgreSQL: every client start-up asks for them, so they are kept a while, as
    // Mastodon caches them.
    private static readonly TimeSpan s_statisticsLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_activePeriod = TimeSpan.FromDays(30);

    private InstanceStatistics? _statistics;
    private DateTimeOffset _statisticsReadAt;

    public async Task<ImmutableArray<long>> SearchAccountsAsync(string usernamePrefix, long? followedBy, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(usernamePrefix);
        return [.. await store.SearchAccountsAsync(usernamePrefix.ToLowerInvariant(), followedBy, offset, limit, CancellationToken.None)];
    }

    public async Task<ImmutableArray<string>> SearchTagsAsync(string tagPrefix, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(tagPrefix);
        return [.. await store.SearchTagsAsync(tagPrefix.ToLowerInvariant(), offset, limit, CancellationToken.None)];
    }

    public async Task<InstanceStatistics> GetStatisticsAsync()
    {
        var now = timeProvider.GetUtcNow();
        if (_statistics is { } cached && now - _statisticsReadAt < s_statisticsLifetime)
        {
            return cached;
        }

        var counts = await store.CountInstanceAsync(SnowflakeId.MinimumFor(now - s_activePeriod), CancellationToken.None);
        _statisticsReadAt = now;
        return _statistics = new InstanceStatistics(counts.Accounts, counts.Statuses, counts.ActiveAuthors);
    }
}
