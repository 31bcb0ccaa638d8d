using System.Diagnostics;
using Weft.LoadTest.Processes;
using Weft.LoadTest.Seeding;
using Weft.Testing.PostgreSql;

namespace Weft.LoadTest.Scenarios;

/// <summary>
/// The first GET /api/v1/timelines/home after the API is stopped (SIGTERM) and started again on PostgreSQL: every
/// timeline, account and status grain activates from storage (as after a deploy, or for statuses idle past their two
/// minutes). The first quarter of the
/// accounts' reads warm the restarted process up (JIT) and are not counted; then each other account's home is read
/// once, one request at a time, and once more warm; prints both latencies and the CPU the cold pass took.
/// </summary>
internal static class ColdHomeTimelineScenario
{
    public static async Task<int> RunAsync(int users, int follows, int statusesEach, int pageSize)
    {
        await using var database = await PostgreSqlDatabase.CreateAsync("loadtest");
        List<SeededAccount> accounts;
        await using (var seeding = await ApiProcess.StartAsync("postgres", database.ConnectionString))
        {
            using var client = new HttpClient { BaseAddress = seeding.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            var seeder = new MastodonSeeder(client);
            accounts = await seeder.SeedFollowingAsync(users, follows, statusesEach);

            // Every timeline is built (a timeline is built by its first read), as for accounts in use.
            await seeder.WaitUntilEveryHomeHoldsAsync(accounts, pageSize);

            // A deploy's stop: the timelines' write-behind reaches storage as their grains deactivate.
            await seeding.StopGracefullyAsync(TimeSpan.FromSeconds(60));
        }

        await using var api = await ApiProcess.StartAsync("postgres", database.ConnectionString);
        Console.WriteLine($"api restarted: {api.BaseAddress} (pid {api.ProcessId}, log {api.LogPath})");
        using var reader = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var probe = new MastodonSeeder(reader);

        var warmUp = accounts.Count / 4;
        await ReadEachOnceAsync(probe, accounts[..warmUp], pageSize);
        var measured = accounts[warmUp..];
        var cpu = CpuMeter.Start(api.ProcessId);
        var cold = await ReadEachOnceAsync(probe, measured, pageSize);
        var coldCpu = cpu?.Stop(measured.Count);
        var warm = await ReadEachOnceAsync(probe, measured, pageSize);

        Console.WriteLine($"GET /api/v1/timelines/home ({pageSize} statuses), first read after restart: {Latencies.Describe(cold, "reads")}");
        Console.WriteLine($"  {coldCpu}");
        Console.WriteLine($"same, second read (warm):                      {Latencies.Describe(warm, "reads")}");
        return 0;
    }

    // One request at a time, so each latency is the request's own; fails if a page is short.
    private static async Task<List<double>> ReadEachOnceAsync(MastodonSeeder probe, List<SeededAccount> accounts, int pageSize)
    {
        var milliseconds = new List<double>(accounts.Count);
        foreach (var account in accounts)
        {
            var started = Stopwatch.GetTimestamp();
            var count = await probe.HomeCountAsync(account, pageSize);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (count < pageSize)
            {
                throw new InvalidOperationException($"@{account.Username}'s home timeline held {count} statuses, not {pageSize}.");
            }
        }

        return milliseconds;
    }
}
