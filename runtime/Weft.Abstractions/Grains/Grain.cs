using System.Globalization;
using Weft.Streams;

namespace Weft;

/// <summary>
/// Base class of grain implementations. The runtime creates grains (never call the constructor yourself),
/// runs one call at a time per activation, and gives the grain its identity, a grain factory and timers.
/// </summary>
public abstract class Grain
{
    private readonly GrainContext _context;

    /// <summary>Binds the grain to the activation the runtime is creating.</summary>
    /// <exception cref="InvalidOperationException">The grain is constructed outside the runtime.</exception>
    protected Grain()
    {
        _context = GrainContext.Current
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: get it with IGrainFactory.GetGrain, do not construct it.");
    }

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => _context.GrainId;

    /// <summary>The factory for references to other grains.</summary>
    protected IGrainFactory GrainFactory => _context.GrainFactory;

    /// <summary>The silo's services.</summary>
    protected IServiceProvider ServiceProvider => _context.Services;

    /// <summary>The key of a grain with a string key.</summary>
    public string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>The key of a grain with an integer key.</summary>
    public long GetPrimaryKeyLong() => long.Parse(GrainId.Key, CultureInfo.InvariantCulture);

    /// <summary>The key of a grain with a Guid key.</summary>
    public Guid GetPrimaryKey() => Guid.ParseExact(GrainId.Key, "D");

    /// <summary>Runs once when the activation is created, after its persistent states are read and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation is deactivated (idle collection, request, or shutdown).</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Returns a stream provider configured under <c>Weft:Streams:&lt;name&gt;</c>.</summary>
    /// <exception cref="InvalidOperationException">No provider has that name; the message names the setting.</exception>
    protected IStreamProvider GetStreamProvider(string name = "Default") => _context.GetStreamProvider(name);

    /// <summary>Deactivates this activation when the current call ends; the next call creates a new one.</summary>
    protected void DeactivateOnIdle() => _context.DeactivateOnIdle();

    /// <summary>
    /// Starts a timer whose callback runs as a turn of this activation (it does not interleave with calls unless
    /// <see cref="GrainTimerOptions.Interleave"/> is set). The next tick is scheduled after the callback completes.
    /// Timers stop when the activation deactivates and do not keep it alive unless <see cref="GrainTimerOptions.KeepAlive"/> is set.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _context.RegisterTimer(callback, options);
    }
}
