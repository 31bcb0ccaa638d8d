using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Weft.Runtime.Catalog;
using Weft.Runtime.Configuration;

namespace Weft.Runtime.Streams;

/// <summary>
/// Runs one pulling agent per partition of every stream provider. Registered after the silo's own service, so it
/// starts after storage is ready and stops (releasing its leases) before activations are deactivated.
/// </summary>
internal sealed class StreamAgentsService(
    IServiceProvider services,
    IEnumerable<StreamProviderRegistration> registrations,
    ConfiguredProviders<IStreamQueue> configured,
    GrainCatalog catalog,
    StreamConsumerRegistry consumers,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _agents = [];
    private readonly List<IDisposable> _wakeUps = [];

    /// <summary>This silo's name in partition leases: unique per process start.</summary>
    public string Owner { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var names = registrations.Select(r => r.Name).Concat(configured.Names).Distinct(StringComparer.Ordinal).ToList();
        var logger = loggerFactory.CreateLogger<PartitionAgent>();
        foreach (var name in names)
        {
            var provider = (StreamProvider)services.GetStreamProvider(name);
            await provider.Queue.InitializeAsync(cancellationToken);
            var agents = Enumerable.Range(0, provider.Queue.PartitionCount)
                .Select(p => new PartitionAgent(provider, p, Owner, catalog, consumers, timeProvider, logger))
                .ToArray();
            _wakeUps.Add(provider.Queue.OnAppended(partition =>
            {
                if ((uint)partition < (uint)agents.Length)
                {
                    agents[partition].WakeUp();
                }
            }));
            foreach (var agent in agents)
            {
                _agents.Add(Task.Run(() => agent.RunAsync(_stopping.Token), CancellationToken.None));
            }
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        foreach (var wakeUp in _wakeUps)
        {
            wakeUp.Dispose();
        }

        await Task.WhenAll(_agents).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
