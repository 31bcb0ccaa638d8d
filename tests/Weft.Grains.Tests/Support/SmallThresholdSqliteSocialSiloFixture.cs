namespace Weft.Grains.Tests.Support;

/// <summary>
/// A social silo on SQLite where more than 3 followers make an author big, with no grace period, and timelines
/// refresh their big followees on every read: a big author's statuses reach followers only at read time.
/// </summary>
public sealed class SmallThresholdSqliteSocialSiloFixture : SqliteSocialSiloFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Weft:Social:BigAccountFollowerThreshold"] = "3",
        ["Weft:Social:BigFolloweeRefreshInterval"] = "00:00:00",
        ["Weft:Social:BigAccountGracePeriod"] = "00:00:00",
    };
}
