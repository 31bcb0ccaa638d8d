using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Weft.GrainInterfaces.Ids;
using Weft.GrainInterfaces.Queries;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;

namespace Weft.Grains.Queries;

/// <summary>Reads the account directory, the hashtags in use and the instance's figures from the social store.</summary>
public sealed partial class DirectoryGrain(ISocialStore store, TimeProvider timeProvider, ILogger<DirectoryGrain> logger) : Grain, IDirectoryGrain
{
    // The counts scan whole tables on PostgreSQL: every client start-up asks for them, so they are kept a while, as
    // Mastodon caches them, and renewed behind the answers (see GetStatisticsAsync).
    private static readonly TimeSpan s_statisticsLifetime = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_activePeriod = TimeSpan.FromDays(30);

    private InstanceStatistics? _statistics;
    private DateTimeOffset _statisticsReadAt;
    private bool _renewing;

    public async Task<ImmutableArray<long>> SearchAccountsAsync(string? usernamePrefix, string text, long? followedBy, int offset, int limit) =>
        [.. await store.SearchAccountsAsync(AccountSearch.For(usernamePrefix, text), followedBy, offset, limit, CancellationToken.None)];

    public async Task<ImmutableArray<string>> SearchTagsAsync(string tagPrefix, int offset, int limit)
    {
        ArgumentNullException.ThrowIfNull(tagPrefix);
        return [.. await store.SearchTagsAsync(HashtagName.Fold(tagPrefix), offset, limit, CancellationToken.None)];
    }

    public async Task<InstanceStatistics> GetStatisticsAsync()
    {
        if (_statistics is not { } cached)
        {
            return await ReadStatisticsAsync();
        }

        // Figures older than their lifetime are still answered while one renewal runs behind them: the scans grow with
        // the tables (0.75 s at 600,000 statuses under load), and callers (every client's start-up, and searches, which
        // share this grain) should not wait for one each minute.
        if (timeProvider.GetUtcNow() - _statisticsReadAt >= s_statisticsLifetime && !_renewing)
        {
            _renewing = true;
            _ = RenewStatisticsAsync();
        }

        return cached;
    }

    private async Task<InstanceStatistics> ReadStatisticsAsync()
    {
        var now = timeProvider.GetUtcNow();
        var counts = await store.CountInstanceAsync(SnowflakeId.MinimumFor(now - s_activePeriod), CancellationToken.None);
        _statisticsReadAt = now;
        return _statistics = new InstanceStatistics(counts.Accounts, counts.Statuses, counts.ActiveAuthors);
    }

    // Runs on this activation between its calls (the await brings it back); a failure keeps the figures it had, and the
    // next call after their lifetime tries again.
    private async Task RenewStatisticsAsync()
    {
        try
        {
            await ReadStatisticsAsync();
        }
        catch (Exception e)
        {
            LogRenewalFailed(logger, e);
        }
        finally
        {
            _renewing = false;
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Renewing the instance's figures failed; the previous ones are answered until the next try")]
    private static partial void LogRenewalFailed(ILogger logger, Exception exception);
}
