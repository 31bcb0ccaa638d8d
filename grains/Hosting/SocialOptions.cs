namespace Weft.Grains.Hosting;

/// <summary>Settings of the social domain, bound from <c>Weft:Social</c>.</summary>
public sealed class SocialOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:Social";

    /// <summary>
    /// An author with more followers than this is "big": its statuses are not pushed to followers' home timelines,
    /// which merge its recent statuses at read time instead. Default 10,000.
    /// </summary>
    public int BigAccountFollowerThreshold { get; set; } = 10_000;

    /// <summary>
    /// How long the fan-out keeps pushing after an author became big, so timelines that have not yet refreshed their
    /// list of big followees miss nothing. At least <see cref="BigFolloweeRefreshInterval"/>. Default 90 s.
    /// </summary>
    public TimeSpan BigAccountGracePeriod { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>How often a home timeline re-reads which of its followees are big (at most). Default 30 s.</summary>
    public TimeSpan BigFolloweeRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Entries a home timeline keeps (Mastodon: 800). Default 800.</summary>
    public int HomeTimelineCapacity { get; set; } = 800;

    /// <summary>How often a home timeline writes its entries when they changed (write-behind). Default 5 s.</summary>
    public TimeSpan HomeTimelinePersistInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// On activation a home timeline re-reads from the social store the statuses of its followees newer than its last
    /// write minus this margin, so entries added after the last write (lost in a crash) come back, even if the fan-out
    /// delivered them late. Default 10 min.
    /// </summary>
    public TimeSpan HomeTimelineCatchUpMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Grain calls the fan-out keeps in flight at once. Default 64.</summary>
    public int FanoutConcurrency { get; set; } = 64;

    /// <summary>Followers read per page by the fan-out. Default 1,000.</summary>
    public int FanoutPageSize { get; set; } = 1000;

    /// <summary>
    /// After an account activates, follower counter updates recount from the store for this long instead of adding
    /// one, because the activation's count may or may not have included a follow committed just before it. Default 1 min.
    /// </summary>
    public TimeSpan CounterSettleWindow { get; set; } = TimeSpan.FromMinutes(1);

    internal static bool IsValid(SocialOptions o) =>
        o.BigAccountFollowerThreshold >= 1
        && o.BigAccountGracePeriod >= o.BigFolloweeRefreshInterval
        && o.BigFolloweeRefreshInterval >= TimeSpan.Zero
        && o.HomeTimelineCapacity is >= 40 and <= 100_000
        && o.HomeTimelinePersistInterval > TimeSpan.Zero
        && o.HomeTimelineCatchUpMargin >= TimeSpan.Zero
        && o.FanoutConcurrency >= 1
        && o.FanoutPageSize >= 1
        && o.CounterSettleWindow >= TimeSpan.Zero;

    internal const string ValidationMessage =
        "Weft:Social is invalid: BigAccountFollowerThreshold ≥ 1, BigAccountGracePeriod ≥ BigFolloweeRefreshInterval ≥ 0, " +
        "HomeTimelineCapacity 40–100000, HomeTimelinePersistInterval > 0, FanoutConcurrency ≥ 1, FanoutPageSize ≥ 1.";
}
