using Microsoft.Extensions.DependencyInjection;
using Weft.Testing.Time;

namespace Weft.Grains.Tests.Support;

/// <summary>
/// A test class whose every test gets its own silo on a fresh SQLite file, started before the test and stopped after
/// it; subclasses replace services (a clock, a faulty store) in <see cref="ConfigureServices"/>.
/// </summary>
public abstract class SqliteSiloTest : IAsyncLifetime
{
    private readonly TemporaryDatabaseFile _database = new();

    protected SocialSilo Silo { get; private set; } = null!;

    public async Task InitializeAsync() => Silo = await SocialSilo.StartAsync(SocialSilo.SqliteSettings(_database.Path), ConfigureServices);

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        _database.Dispose();
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }
}

/// <summary>A <see cref="SqliteSiloTest"/> whose silo reads the time from <see cref="Clock"/>, which the test drives.</summary>
public abstract class ClockedSqliteSiloTest : SqliteSiloTest
{
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>
/// A test class that starts silos one after another on one SQLite file, as a deployment restarts: what one silo stored,
/// the next reads.
/// </summary>
public abstract class SqliteRestartTest : IDisposable
{
    private readonly TemporaryDatabaseFile _file = new();

    /// <summary>The database file every silo of the test uses.</summary>
    protected string DatabasePath => _file.Path;

    public void Dispose()
    {
        _file.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A silo on the file; with <paramref name="calls"/>, its social store records and fails calls as they say.</summary>
    protected Task<SocialSilo> StartAsync(StoreCalls? calls = null) =>
        SocialSilo.StartAsync(SocialSilo.SqliteSettings(_file.Path), calls is null ? null : services => RecordingSocialStore.Decorate(services, calls));
}
