using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weft.Bench.Grains;
using Weft.Bench.LocalCalls;
using Weft.Bench.Measurement;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.Sqlite;
using Weft.Testing.PostgreSql;

namespace Weft.Bench.StateWrites;

/// <summary>
/// Grains that write about 1 KB of JSON state on every call, each driven by its own caller, against PostgreSQL or
/// SQLite; for PostgreSQL, raw single-row INSERTs through Npgsql on the same server as the yardstick.
/// </summary>
internal static class StateWritesBenchmark
{
    private const int RawInsertConnections = 8;
    private static readonly TimeSpan s_warmUp = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int seconds, int grains, string store, bool synchronousCommit = true)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        Console.WriteLine($"== state-writes: {grains} grains with 1 KB JSON state, one caller each, store {store}, {seconds} s");
        if (store == "sqlite")
        {
            var directory = Directory.CreateTempSubdirectory("weft-bench-sqlite-");
            try
            {
                var connectionString = $"Data Source={Path.Combine(directory.FullName, "weft.db")}";
                Console.WriteLine($"store: SQLite file {connectionString}");
                var writes = await MeasureStateWritesAsync(
                    services => services.AddSqliteGrainStorage("Default", o => o.ConnectionString = connectionString), grains, duration);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state-writes/s: {Math.Round(writes):0}"));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                directory.Delete(recursive: true);
            }

            return;
        }

        await using var database = await PostgreSqlDatabase.CreateAsync("bench");
        if (!synchronousCommit)
        {
            // A diagnostic: commits stop waiting for the WAL flush, which shows what the path costs without the disk.
            await database.ExecuteAsync($"ALTER DATABASE \"{database.Name}\" SET synchronous_commit = off");
        }

        Console.WriteLine($"store: PostgreSQL, {database.Server.Description}; {await DescribeServerAsync(database.ConnectionString)}");
        var stateWrites = await MeasureStateWritesAsync(
            services => services.AddPostgreSqlGrainStorage("Default", o => o.ConnectionString = database.ConnectionString), grains, duration);
        await MeasureRawInsertsAsync(database.ConnectionString, RawInsertConnections, duration);
        if (grains != RawInsertConnections)
        {
            await MeasureRawInsertsAsync(database.ConnectionString, grains, duration);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"state-writes/s: {Math.Round(stateWrites):0}"));
    }

    private static async Task<double> MeasureStateWritesAsync(Action<IServiceCollection> addStorage, int grainCount, TimeSpan duration)
    {
        await using var silo = await BenchSilo.StartAsync(addStorage);
        var grains = new IDocGrain[grainCount];
        for (var i = 0; i < grains.Length; i++)
        {
            grains[i] = silo.GrainFactory.GetGrain<IDocGrain>(i);
        }

        await RunWritersAsync(grains, s_warmUp);
        var start = GcSnapshot.Take();
        var (writes, elapsed, latencies) = await RunWritersAsync(grains, duration);
        var end = GcSnapshot.Take();
        var summary = LatencySummary.FromTicks(latencies);
        var rate = writes / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"state writes: {rate:N0} writes/s ({writes:N0} in {elapsed.TotalSeconds:0.00} s); latency p50 {summary.MedianMicroseconds / 1000:0.000} ms, " +
            $"p99 {summary.P99Microseconds / 1000:0.000} ms, p99.9 {summary.P999Microseconds / 1000:0.000} ms; {end.DescribeSince(start, writes).Replace("/call", "/write", StringComparison.Ordinal)}"));
        return rate;
    }

    private static async Task<(long Writes, TimeSpan Elapsed, long[] Latencies)> RunWritersAsync(IDocGrain[] grains, TimeSpan duration)
    {
        var stop = new StopSignal();
        var stopwatch = Stopwatch.StartNew();
        var writers = grains.Select(grain => Task.Run(() => WriteUntilStoppedAsync(grain, stop))).ToArray();
        await Task.Delay(duration);
        stop.Set();
        var perWriter = await Task.WhenAll(writers);
        stopwatch.Stop();
        var latencies = perWriter.SelectMany(l => l).ToArray();
        return (latencies.Length, stopwatch.Elapsed, latencies);
    }

    private static async Task<List<long>> WriteUntilStoppedAsync(IDocGrain grain, StopSignal stop)
    {
        var latencies = new List<long>(capacity: 16_384);
        while (!stop.IsSet)
        {
            var started = Stopwatch.GetTimestamp();
            await grain.Write();
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }

        return latencies;
    }

    private static async Task MeasureRawInsertsAsync(string connectionString, int connections, TimeSpan duration)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_raw_insert (id bigserial PRIMARY KEY, payload text NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var payload = new string('r', 1_000);
        await RunInsertersAsync(dataSource, connections, payload, s_warmUp);
        var (inserts, elapsed, latencies) = await RunInsertersAsync(dataSource, connections, payload, duration);
        var summary = LatencySummary.FromTicks(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"raw INSERT (Npgsql, {connections} connections, prepared, bigserial PK + 1 KB text): {inserts / elapsed.TotalSeconds:N0} inserts/s " +
            $"({inserts:N0} in {elapsed.TotalSeconds:0.00} s); latency p50 {summary.MedianMicroseconds / 1000:0.000} ms, p99 {summary.P99Microseconds / 1000:0.000} ms"));
    }

    private static async Task<(long Inserts, TimeSpan Elapsed, long[] Latencies)> RunInsertersAsync(NpgsqlDataSource dataSource, int connections, string payload, TimeSpan duration)
    {
        var stop = new StopSignal();
        var stopwatch = Stopwatch.StartNew();
        var inserters = Enumerable.Range(0, connections).Select(_ => Task.Run(() => InsertUntilStoppedAsync(dataSource, payload, stop))).ToArray();
        await Task.Delay(duration);
        stop.Set();
        var perInserter = await Task.WhenAll(inserters);
        stopwatch.Stop();
        var latencies = perInserter.SelectMany(l => l).ToArray();
        return (latencies.Length, stopwatch.Elapsed, latencies);
    }

    private static async Task<List<long>> InsertUntilStoppedAsync(NpgsqlDataSource dataSource, string payload, StopSignal stop)
    {
        var latencies = new List<long>(capacity: 16_384);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand("INSERT INTO bench_raw_insert (payload) VALUES ($1)", connection);
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = payload });
        await insert.PrepareAsync();
        while (!stop.IsSet)
        {
            var started = Stopwatch.GetTimestamp();
            await insert.ExecuteNonQueryAsync();
            latencies.Add(Stopwatch.GetTimestamp() - started);
        }

        return latencies;
    }

    private static async Task<string> DescribeServerAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('wal_sync_method')");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"server {reader.GetString(0)}, fsync={reader.GetString(1)}, synchronous_commit={reader.GetString(2)}, wal_sync_method={reader.GetString(3)}";
    }
}
