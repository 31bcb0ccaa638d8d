using System.Collections.Immutable;

namespace Weft.GrainInterfaces.Queries;

/// <summary>
/// The account directory, the hashtags in use and the instance's figures, read from the social store. Use key 0. Holds no state; reads
/// interleave.
/// </summary>
public interface IDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Accounts whose username starts with <paramref name="usernamePrefix"/> (compared in lower case; null for none) —
    /// the exact match first, then shorter names first — and then those whose display name has a word starting with each
    /// word of <paramref name="text"/>, as Mastodon searches without a search engine; only those
    /// <paramref name="followedBy"/> follows, if given. Skips <paramref name="offset"/>; at most <paramref name="limit"/>.
    /// </summary>
    [ReadOnly]
    Task<ImmutableArray<long>> SearchAccountsAsync(string? usernamePrefix, string text, long? followedBy, int offset, int limit);

    /// <summary>Hashtags in use that start with <paramref name="tagPrefix"/> (compared in lower case), in order.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> SearchTagsAsync(string tagPrefix, int offset, int limit);

    /// <summary>The instance's figures, at most a minute old.</summary>
    [ReadOnly]
    Task<InstanceStatistics> GetStatisticsAsync();
}

/// <summary>What the instance documents report.</summary>
/// <param name="UserCount">Registered accounts.</param>
/// <param name="StatusCount">Statuses, reblogs included (as Mastodon counts them).</param>
/// <param name="ActiveMonth">Accounts that posted in the last 30 days (Weft does not record sign-ins).</param>
public sealed record InstanceStatistics(long UserCount, long StatusCount, long ActiveMonth);
