using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Weft.LoadTest.Processes;
using Weft.LoadTest.Seeding;
using Weft.LoadTest.Wrk;
using Weft.Testing.PostgreSql;

namespace Weft.LoadTest.Scenarios;

/// <summary>
/// POST /api/v1/statuses on PostgreSQL against raw single-row INSERTs (pgbench) on the same server at the same
/// concurrency, measured before the API starts and again after it stops. Target: at least half the raw INSERT rate.
/// Authors have followers, so fan-out runs during the load.
/// </summary>
internal static partial class PostStatusesScenario
{
    public static async Task<int> RunAsync(int users, int followers, int connections, int seconds, int warmupSeconds)
    {
        await using var database = await PostgreSqlDatabase.CreateAsync("loadtest");
        await database.ExecuteAsync("""
            CREATE TABLE raw_insert (
                id bigserial PRIMARY KEY,
                account_id bigint NOT NULL,
                body text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now())
            """);
        var insertsBefore = await RawInsertsAsync(database, connections, seconds);
        Console.WriteLine($"raw single-row INSERT (pgbench):  {insertsBefore:N0} transactions/s");

        await using var api = await ApiProcess.StartAsync("postgres", database.ConnectionString);
        Console.WriteLine($"api: {api.BaseAddress} (pid {api.ProcessId}, log {api.LogPath})");
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var seeder = new MastodonSeeder(client);
        var run = Guid.NewGuid().ToString("N")[..6];
        var accounts = new List<SeededAccount>(users);
        for (var i = 0; i < users; i++)
        {
            accounts.Add(await seeder.RegisterAsync($"post{run}{i}"));
        }

        for (var i = 0; i < users; i++)
        {
            for (var step = 1; step <= followers; step++)
            {
                await seeder.FollowAsync(accounts[(i + step) % users], accounts[i]);
            }
        }

        Console.WriteLine($"seeded {users} accounts, each with {followers} followers");
        var script = $$"""
            tokens = {{WrkRunner.LuaStrings(accounts.Select(a => a.Token))}}
            counter = 0
            request = function()
              counter = counter + 1
              local body = "status=Load+test+status+" .. counter .. "+with+a+link+https%3A%2F%2Fexample.com+and+%23weft&visibility=public"
              return wrk.format("POST", "/api/v1/statuses", { ["Authorization"] = "Bearer " .. tokens[(counter % #tokens) + 1], ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
            end
            """;
        // The warm-up also lets tiered compilation finish: on 2 cores it takes seconds of load.
        await WrkRunner.RunAsync(new Uri(api.BaseAddress, "/api/v1/statuses"), script, connections, warmupSeconds);
        var (posts, cpuLine) = await MeasuredRun.RunAsync(api, script, "/api/v1/statuses", connections, seconds);
        Console.WriteLine($"POST /api/v1/statuses:            {posts}");
        Console.WriteLine($"  {cpuLine}");

        // Stopped first: its agents would go on fanning out the backlog while pgbench measures.
        await api.DisposeAsync();
        var insertsAfter = await RawInsertsAsync(database, connections, seconds);
        new Yardstick("raw single-row INSERT (pgbench)", "transactions/s", insertsBefore, insertsAfter)
            .PrintRatio(posts.RequestsPerSecond, $"{connections} connections, {seconds} s each");
        return posts.Non2xx == 0 && posts.SocketErrors == 0 ? 0 : 1;
    }

    private static async Task<double> RawInsertsAsync(PostgreSqlDatabase database, int connections, int seconds)
    {
        var scriptPath = Path.Combine(Path.GetTempPath(), $"weft-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(scriptPath, """
            \set account random(1, 1000)
            INSERT INTO raw_insert (account_id, body) VALUES (:account, 'Load test status with a link https://example.com and #weft, about the size of a short post.');
            """);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString);
            var start = new ProcessStartInfo("pgbench") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-n", "-c", connections.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture), "-f", scriptPath })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["PGHOST"] = connection.Host;
            start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
            start.Environment["PGUSER"] = connection.Username;
            start.Environment["PGPASSWORD"] = connection.Password;
            start.Environment["PGDATABASE"] = connection.Database;
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var tps = Tps().Match(output);
            return process.ExitCode == 0 && tps.Success
                ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {errors}{output}");
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    [GeneratedRegex(@"tps = ([0-9.]+)")]
    private static partial Regex Tps();
}
