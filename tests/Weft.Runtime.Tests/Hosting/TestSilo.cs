using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Weft.Persistence;
using Weft.Runtime.Catalog;
using Weft.Runtime.Hosting;
using Weft.Runtime.Persistence;

namespace Weft.Runtime.Tests.Hosting;

/// <summary>A silo in the test process, on in-memory storage unless told otherwise.</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _stopped;

    private TestSilo(IHost host) => _host = host;

    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();

    public IServiceProvider Services => _host.Services;

    internal GrainCatalog Catalog => _host.Services.GetRequiredService<GrainCatalog>();

    internal IdleCollector Collector => _host.Services.GetRequiredService<IdleCollector>();

    public static async Task<TestSilo> StartAsync(
        Action<SiloOptions>? configure = null,
        TimeProvider? timeProvider = null,
        IGrainStorage? storage = null,
        Action<IServiceCollection>? services = null,
        bool withDefaultStorage = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddWeftSilo(configure);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }

        if (withDefaultStorage)
        {
            var store = storage ?? new MemoryGrainStorage();
            builder.Services.AddGrainStorage("Default", _ => store);
        }

        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new TestSilo(host);
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
    }
}
