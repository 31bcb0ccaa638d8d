using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Persistence.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Hosting;
using Weft.Runtime.Streams;

namespace Weft.Streams.CrashHost;

/// <summary>
/// A silo on PostgreSQL or on one SQLite file (<see cref="CrashHostStore"/>) with grain storage "Default" and stream
/// provider "Default". In <c>publish</c> mode it subscribes the subscriber grains, publishes the events round robin over
/// the streams, one or several per call (printing <c>acked &lt;stream key&gt; &lt;last sequence&gt;</c> as each call is
/// acknowledged, then <c>published &lt;count&gt;</c>), and then keeps delivering; in <c>serve</c> mode it only delivers.
/// Every line is flushed at once, because the tests act on it and then SIGKILL the process.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var options = CrashHostOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(CrashHostOptions.Usage);
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args);
        var storeSetting = builder.Configuration[CrashHostOptions.StoreSetting];
        if (CrashHostOptions.ParseStore(storeSetting) is not { } store)
        {
            await Console.Error.WriteLineAsync($"Unknown store '{storeSetting}' in {CrashHostOptions.StoreSetting}. " + CrashHostOptions.Usage);
            return 2;
        }

        var connectionString = builder.Configuration.GetConnectionString("Weft");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync($"No {store} connection string: set ConnectionStrings__Weft. " + CrashHostOptions.Usage);
            return 2;
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWeftSilo(o => o.GrainAssemblies.Add(typeof(CrashSubscriberGrain).Assembly));
        AddStore(builder.Services, store, connectionString);

        using var host = builder.Build();
        await host.StartAsync();
        Say("ready");
        if (options.Publish)
        {
            await PublishAsync(host.Services, options);
        }

        await host.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>Grain storage "Default" and stream provider "Default", both on <paramref name="store"/>.</summary>
    private static void AddStore(IServiceCollection services, CrashHostStore store, string connectionString)
    {
        Func<IServiceProvider, IStreamQueue> createQueue;
        switch (store)
        {
            case CrashHostStore.Sqlite:
                // One file, one write connection: state writes and the queue's appends and commits queue on it together.
                services.AddSqliteGrainStorage("Default", o => o.ConnectionString = connectionString);
                createQueue = sp => new SqliteStreamQueue(
                    "Default",
                    new SqliteStreamQueueOptions { ConnectionString = connectionString },
                    sp.GetService<TimeProvider>(),
                    sp.GetService<ILogger<SqliteStreamQueue>>());
                break;
            default:
                services.AddPostgreSqlGrainStorage("Default", o => o.ConnectionString = connectionString);
                createQueue = sp => new PostgreSqlStreamQueue(
                    "Default",
                    new PostgreSqlStreamQueueOptions { ConnectionString = connectionString },
                    sp.GetService<ILogger<PostgreSqlStreamQueue>>());
                break;
        }

        services
            .AddWeftStreams()
            .AddStreamProvider(
                "Default",
                createQueue,
                o =>
                {
                    // Small batches: many checkpoints, so a kill lands between them. A short lease: the restarted
                    // process takes over the dead one's partitions within seconds.
                    o.BatchSize = 50;
                    o.RetryBackoff = TimeSpan.FromMilliseconds(10);
                    o.MaxDeliveryAttempts = 10;
                    o.DeliveryTimeout = TimeSpan.FromSeconds(30);
                    o.LeaseDuration = TimeSpan.FromSeconds(2);
                    o.PollInterval = TimeSpan.FromMilliseconds(500);
                });
    }

    private static async Task PublishAsync(IServiceProvider services, CrashHostOptions options)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        var streams = Enumerable.Range(0, options.Streams)
            .Select(s => services.GetStreamProvider("Default").GetStream<CrashEvent>(new StreamId(CrashHostOptions.Namespace, CrashHostOptions.StreamKey(s))))
            .ToArray();
        for (var s = 0; s < streams.Length; s++)
        {
            for (var i = 0; i < options.SubscribersPerStream; i++)
            {
                await streams[s].SubscribeAsync(grains.GetGrain<ICrashSubscriberGrain>(CrashHostOptions.SubscriberKey(s, i)).GetGrainId());
            }
        }

        Say($"subscribed {options.Streams * options.SubscribersPerStream}");
        var published = 0;
        for (var first = 1; first <= options.EventsPerStream; first += options.EventsPerPublish)
        {
            var events = Enumerable.Range(first, Math.Min(options.EventsPerPublish, options.EventsPerStream - first + 1))
                .Select(n => new CrashEvent(n))
                .ToArray();
            foreach (var stream in streams)
            {
                var last = events.Length == 1 ? await stream.OnNextAsync(events[0]) : await stream.OnNextBatchAsync(events);
                published += events.Length;
                Say($"acked {stream.StreamId.Key} {last}");
            }
        }

        Say($"published {published}");
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }
}
