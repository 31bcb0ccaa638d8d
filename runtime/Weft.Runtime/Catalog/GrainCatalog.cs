using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Weft.Runtime.Hosting;
using Weft.Runtime.Invocation;
using Weft.Runtime.Metadata;
using Weft.Runtime.Persistence;
using Weft.Runtime.Serialization;

namespace Weft.Runtime.Catalog;

/// <summary>The activations of this silo, one per grain id, created on first call and removed when deactivated.</summary>
internal sealed class GrainCatalog : IDisposable
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly GrainManifest _manifest;
    private volatile bool _stopping;

    public GrainCatalog(
        IServiceProvider services,
        GrainManifest manifest,
        GrainStorageResolver storage,
        JsonGrainCodec codec,
        IOptions<SiloOptions> options,
        TimeProvider timeProvider,
        ILogger<GrainCatalog> logger)
    {
        Services = services;
        _manifest = manifest;
        Storage = storage;
        Codec = codec;
        TimeProvider = timeProvider;
        Logger = logger;
        Options = options.Value;
        CallContext = new CallContext(codec, Options.CallTimeout, timeProvider);
    }

    public IServiceProvider Services { get; }

    public IGrainFactory GrainFactory => field ??= Services.GetRequiredService<IGrainFactory>();

    public GrainStorageResolver Storage { get; }

    public JsonGrainCodec Codec { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    public SiloOptions Options { get; }

    public CallContext CallContext { get; }

    public int Count => _activations.Count;

    public ICollection<Activation> Activations => _activations.Values;

    /// <param name="grainId">The grain.</param>
    /// <param name="freshKey">
    /// The call is a <see cref="FreshKeyAttribute"/> method: an activation created for it does not read its state.
    /// </param>
    public Activation GetOrCreateActivation(GrainId grainId, bool freshKey = false)
    {
        if (_activations.TryGetValue(grainId, out var activation) && !activation.IsInvalid)
        {
            return activation;
        }

        return Create(grainId, freshKey);
    }

    private Activation Create(GrainId grainId, bool freshKey)
    {
        while (true)
        {
            if (_stopping)
            {
                throw new InvalidOperationException($"The silo is shutting down; grain {grainId} cannot be activated.");
            }

            var created = new Activation(this, grainId, _manifest.GetClass(grainId.GrainType));
            var actual = _activations.GetOrAdd(grainId, created);
            if (ReferenceEquals(actual, created))
            {
                if (_stopping)
                {
                    // Shutdown began after the check above and may have listed activations before this one.
                    Remove(created);
                    throw new InvalidOperationException($"The silo is shutting down; grain {grainId} cannot be activated.");
                }

                created.StartActivation(readStates: !freshKey);
                return created;
            }

            if (!actual.IsInvalid)
            {
                return actual;
            }

            // An activation on its way out still holds the slot: clear it and try again.
            _activations.TryRemove(new KeyValuePair<GrainId, Activation>(grainId, actual));
        }
    }

    public void Remove(Activation activation)
        => _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    /// <summary>Refuses new activations and deactivates every activation, waiting up to the deactivation timeout.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        var activations = _activations.Values.ToList();
        var deactivations = activations.Select(a => a.RequestDeactivation(DeactivationReason.ShuttingDown)).ToList();
        var all = Task.WhenAll(deactivations);
        try
        {
            await all.WaitAsync(Options.DeactivationTimeout, TimeProvider, cancellationToken).ConfigureAwait(false);
            Log.ShutdownDeactivated(Logger, activations.Count);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            Log.ShutdownTimedOut(Logger, deactivations.Count(d => !d.IsCompleted));
        }
    }

    /// <summary>Stops the sweep that times out calls.</summary>
    public void Dispose() => CallContext.Dispose();
}
