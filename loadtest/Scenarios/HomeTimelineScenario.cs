using Weft.LoadTest.Processes;
using Weft.LoadTest.Seeding;
using Weft.LoadTest.Wrk;
using Weft.Testing.PostgreSql;

namespace Weft.LoadTest.Scenarios;

/// <summary>
/// GET /api/v1/timelines/home (20 statuses, warm) against a minimal Kestrel JSON endpoint, both as separate processes
/// on this machine, measured with the same wrk settings: the baseline before the API starts and again after it stops.
/// Target: at least half the baseline's rate.
/// </summary>
internal static class HomeTimelineScenario
{
    public static async Task<int> RunAsync(string store, int users, int follows, int statusesEach, int connections, int seconds, int warmupSeconds, int pageSize, string acceptEncoding)
    {
        // Both servers get the header Mastodon's clients send (browsers and the mobile HTTP stacks ask for gzip); the
        // baseline's few bytes are not worth compressing and it ignores it.
        var baselineScript = $$"""request = function() return wrk.format("GET", "/json", { ["Accept-Encoding"] = "{{acceptEncoding}}" }) end""";
        await using var baseline = await ChildProcess.StartAsync("baseline", BuildOutput.LoadTestDll, ["serve-baseline"], new Dictionary<string, string>(), "/health");
        await WrkRunner.RunAsync(new Uri(baseline.BaseAddress, "/json"), baselineScript, connections, warmupSeconds);
        var (jsonBefore, jsonBeforeCpu) = await MeasuredRun.RunAsync(baseline, baselineScript, "/json", connections, seconds);
        Console.WriteLine($"baseline GET /json:                    {jsonBefore}");
        Console.WriteLine($"  {jsonBeforeCpu}");

        await using var database = store == "postgres" ? await PostgreSqlDatabase.CreateAsync("loadtest") : null;
        await using var api = await ApiProcess.StartAsync(store, database?.ConnectionString);
        Console.WriteLine($"api: {api.BaseAddress} (pid {api.ProcessId}, store {store}, log {api.LogPath})");

        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var seeder = new MastodonSeeder(client);
        var accounts = await seeder.SeedFollowingAsync(users, follows, statusesEach);

        // Warm: every timeline is built and every status and account is active and rendered once.
        await seeder.WaitUntilEveryHomeHoldsAsync(accounts, pageSize);

        var (encoding, bytes) = await seeder.HomeEncodingAsync(accounts[0], pageSize, acceptEncoding);
        Console.WriteLine($"home timeline response: {bytes:N0} bytes, Content-Encoding {encoding ?? "(none)"} for Accept-Encoding {acceptEncoding}");

        var script = $$"""
            tokens = {{WrkRunner.LuaStrings(accounts.Select(a => a.Token))}}
            counter = 0
            request = function()
              counter = counter + 1
              return wrk.format("GET", "/api/v1/timelines/home?limit={{pageSize}}", { ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1], ["Accept-Encoding"] = "{{acceptEncoding}}" })
            end
            """;
        // The warm-up also lets tiered compilation finish: on 2 cores it takes seconds of load.
        await WrkRunner.RunAsync(new Uri(api.BaseAddress, "/api/v1/timelines/home"), script, connections, warmupSeconds);
        var (home, homeCpu) = await MeasuredRun.RunAsync(api, script, "/api/v1/timelines/home", connections, seconds);
        Console.WriteLine($"GET /api/v1/timelines/home ({pageSize} statuses, Accept-Encoding {acceptEncoding}): {home}");
        Console.WriteLine($"  {homeCpu}");
        await api.DisposeAsync();

        // The baseline stayed up, idle and warm, while the API ran.
        var (jsonAfter, jsonAfterCpu) = await MeasuredRun.RunAsync(baseline, baselineScript, "/json", connections, seconds);
        Console.WriteLine($"baseline GET /json:                    {jsonAfter}");
        Console.WriteLine($"  {jsonAfterCpu}");
        new Yardstick("baseline GET /json", "requests/s", jsonBefore.RequestsPerSecond, jsonAfter.RequestsPerSecond)
            .PrintRatio(home.RequestsPerSecond, $"{connections} connections, {seconds} s each, wrk on the same machine");
        return home.Non2xx == 0 && home.SocketErrors == 0 ? 0 : 1;
    }
}
