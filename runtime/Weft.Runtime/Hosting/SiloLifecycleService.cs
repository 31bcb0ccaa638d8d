using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Catalog;
using Weft.Runtime.Metadata;
using Weft.Runtime.Persistence;

namespace Weft.Runtime.Hosting;

/// <summary>
/// Starts the silo (checks every declared storage provider exists, initializes them, starts the idle collector)
/// and stops it gracefully (every activation runs OnDeactivateAsync before the host exits).
/// </summary>
internal sealed partial class SiloLifecycleService(
    GrainManifest manifest,
    GrainStorageResolver storage,
    GrainCatalog catalog,
    IdleCollector collector,
    ILogger<SiloLifecycleService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var grainClass in manifest.Classes)
        {
            foreach (var state in grainClass.States)
            {
                try
                {
                    storage.Get(state.StorageName);
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidOperationException(
                        $"Grain class {grainClass.ClassType.Name} keeps state '{state.StateName}' in storage '{state.StorageName}'. {e.Message}", e);
                }
            }
        }

        foreach (var name in storage.Names)
        {
            await storage.Get(name).InitializeAsync(cancellationToken);
        }

        collector.Start();
        LogStarted(logger, manifest.Classes.Count(), storage.Names.Count);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        collector.Dispose();
        await catalog.DeactivateAllAsync(cancellationToken);
    }

    [LoggerMessage(100, LogLevel.Information, "Weft silo started with {GrainClassCount} grain classes and {StorageCount} storage providers")]
    private static partial void LogStarted(ILogger logger, int grainClassCount, int storageCount);
}
