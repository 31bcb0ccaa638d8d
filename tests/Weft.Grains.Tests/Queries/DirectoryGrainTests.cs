using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weft.GrainInterfaces.Queries;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Silo;
using Weft.Testing;
using Weft.Testing.Time;

namespace Weft.Grains.Tests.Queries;

/// <summary>The instance's figures on a silo whose clock the test drives: kept a minute, then renewed behind the answers.</summary>
public sealed class DirectoryGrainTests : IAsyncLifetime
{
    private readonly TemporaryDatabaseFile _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private IHost _host = null!;

    private IDirectoryGrain Directory => _host.Services.GetRequiredService<IGrainFactory>().GetGrain<IDirectoryGrain>(0);

    private ISocialStore Store => _host.Services.GetRequiredService<ISocialStore>();

    public async Task InitializeAsync()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(SocialSilo.SqliteSettings(_database.Path));
        builder.Services.AddSingleton<TimeProvider>(_clock);
        builder.AddWeftSilo();
        _host = builder.Build();
        await _host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(stopping.Token);
        _host.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Figures_are_kept_a_minute_then_the_stale_ones_are_answered_while_they_are_renewed()
    {
        await Store.AddAccountAsync(1, "first", CancellationToken.None);
        var initial = await Directory.GetStatisticsAsync();
        await Store.AddAccountAsync(2, "second", CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(59));
        var withinTheMinute = await Directory.GetStatisticsAsync();
        _clock.Advance(TimeSpan.FromSeconds(2));
        var stale = await Directory.GetStatisticsAsync();
        await Eventually.WaitUntilAsync(async () => (await Directory.GetStatisticsAsync()).UserCount == 2, "the renewed figures");

        Assert.Equal(1, initial.UserCount);
        Assert.Equal(1, withinTheMinute.UserCount);
        Assert.Equal(1, stale.UserCount);
    }
}
