using System.Diagnostics;
using Weft.LoadTest.Processes;
using Weft.LoadTest.Seeding;
using Weft.Testing.PostgreSql;

namespace Weft.LoadTest.Scenarios;

/// <summary>
/// How long after its answer a post shows in its author's profile (GET /api/v1/accounts/:id/statuses), which lists
/// from the store's index, written in the post's own transaction (docs/architecture.md, "What is guaranteed"). An author with followers
/// posts one status at a time after a quiet spell; from the answer on, the profile is read one request after another
/// until it holds the status. Prints how often the first read already did (read-your-writes), and the lag's spread.
/// </summary>
internal static class IndexLagScenario
{
    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static async Task<int> RunAsync(string store, int posts, int followers)
    {
        await using var database = store == "postgres" ? await PostgreSqlDatabase.CreateAsync("loadtest") : null;
        await using var api = await ApiProcess.StartAsync(store, database?.ConnectionString);
        Console.WriteLine($"api: {api.BaseAddress} (pid {api.ProcessId}, store {store}, log {api.LogPath})");
        using var client = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var seeder = new MastodonSeeder(client);
        var author = await seeder.RegisterAsync("author" + Guid.NewGuid().ToString("N")[..8]);
        for (var i = 0; i < followers; i++)
        {
            await seeder.FollowAsync(await seeder.RegisterAsync($"reader{i}_{Guid.NewGuid().ToString("N")[..6]}"), author);
        }

        // The first posts warm the process up (JIT) and are not counted.
        var warmUp = Math.Max(5, posts / 5);
        var lags = new List<double>(posts);
        var firstReadHits = 0;
        for (var i = 0; i < warmUp + posts; i++)
        {
            await Task.Delay(QuietSpell);
            var statusId = await seeder.PostAsync(author, $"post {i} #indexlag");
            var answered = Stopwatch.GetTimestamp();
            var reads = 0;
            while (!await seeder.ProfileListsAsync(author, statusId))
            {
                reads++;
                if (Stopwatch.GetElapsedTime(answered) > Deadline)
                {
                    throw new InvalidOperationException($"Status {statusId} was not in its author's profile {Deadline.TotalSeconds} s after posting.");
                }
            }

            if (i >= warmUp)
            {
                lags.Add(Stopwatch.GetElapsedTime(answered).TotalMilliseconds);
                firstReadHits += reads == 0 ? 1 : 0;
            }
        }

        Console.WriteLine($"a post in its author's profile ({followers} followers, {QuietSpell.TotalMilliseconds:0} ms apart): first read held it for {firstReadHits} of {lags.Count}");
        Console.WriteLine($"  from the answer until a read held it: {Latencies.Describe(lags, "posts")}");
        return 0;
    }
}
