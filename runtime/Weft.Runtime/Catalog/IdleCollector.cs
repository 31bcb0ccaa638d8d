using Microsoft.Extensions.Options;
using Weft.Runtime.Hosting;

namespace Weft.Runtime.Catalog;

/// <summary>
/// Deactivates activations idle longer than the collection age. Calls only set a flag on the activation;
/// the collector, waking every quantum, turns flags into idle times (so the call path reads no clock).
/// </summary>
internal sealed class IdleCollector(GrainCatalog catalog, IOptions<SiloOptions> options, TimeProvider timeProvider) : IDisposable
{
    private readonly SiloOptions _options = options.Value;
    private ITimer? _timer;

    public void Start()
        => _timer = timeProvider.CreateTimer(static state => ((IdleCollector)state!).Collect(), this, _options.CollectionQuantum, _options.CollectionQuantum);

    /// <summary>One pass; public for tests that drive time themselves.</summary>
    public void Collect()
    {
        var now = timeProvider.GetTimestamp();
        foreach (var activation in catalog.Activations)
        {
            if (activation.Touched || !activation.IsIdle)
            {
                activation.Touched = false;
                activation.IdleSince = now;
                continue;
            }

            if (timeProvider.GetElapsedTime(activation.IdleSince, now) >= _options.CollectionAge)
            {
                _ = activation.RequestDeactivation(DeactivationReason.IdleCollection);
            }
        }
    }

    public void Dispose() => _timer?.Dispose();
}
