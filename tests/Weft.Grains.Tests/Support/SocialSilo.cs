using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weft.Grains.Data;
using Weft.Silo;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// A silo in the test process set up exactly as the silo process does (<c>AddWeftSilo(IHostApplicationBuilder)</c>),
/// from in-memory settings: grain state, streams and the social store in one database.
/// </summary>
public sealed class SocialSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private SocialSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    public ISocialStore Store => _host.Services.GetRequiredService<ISocialStore>();

    /// <summary>Settings for state and streams in one SQLite file, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> SqliteSettings(string databaseFile, IReadOnlyDictionary<string, string?>? extra = null) =>
        With(extra, "Sqlite", $"Data Source={databaseFile}");

    /// <summary>Settings for state and streams in one PostgreSQL database, plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, string?> PostgreSqlSettings(string connectionString, IReadOnlyDictionary<string, string?>? extra = null) =>
        With(extra, "PostgreSql", connectionString);

    public static async Task<SocialSilo> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWeftSilo();
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new SocialSilo(host);
    }

    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
        SqliteConnection.ClearAllPools();
    }

    private static Dictionary<string, string?> With(IReadOnlyDictionary<string, string?>? extra, string provider, string connectionString)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Weft:Storage:Default:Provider"] = provider,
            ["Weft:Storage:Default:ConnectionString"] = connectionString,
            ["Weft:Streams:Default:Provider"] = provider,
            ["Weft:Streams:Default:ConnectionString"] = connectionString,
            ["Weft:Silo:CallTimeout"] = "00:00:30",
            ["Weft:Social:HomeTimelinePersistInterval"] = "00:00:01",
        };
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }
        }

        return settings;
    }
}
