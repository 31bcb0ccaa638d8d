namespace Weft.Grains.Tests.Support;

/// <summary>
/// Settings that hold the status fan-out back: once a partition's agent has read, it waits ten minutes before reading
/// again, so a status posted after a delivered one stays undelivered for the rest of a test.
/// </summary>
internal static class HeldFanout
{
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Weft:Streams:Default:GatherDelay"] = "00:10:00",
    };
}

/// <summary>A social silo on SQLite with the fan-out held back (<see cref="HeldFanout"/>).</summary>
public sealed class HeldFanoutSqliteSocialSiloFixture : SqliteSocialSiloFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => HeldFanout.Settings;
}

/// <summary>A social silo on PostgreSQL with the fan-out held back (<see cref="HeldFanout"/>).</summary>
public sealed class HeldFanoutPostgreSqlSocialSiloFixture : PostgreSqlSocialSiloFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => HeldFanout.Settings;
}
