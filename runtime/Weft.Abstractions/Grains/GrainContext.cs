using System.ComponentModel;
using Weft.Streams;

namespace Weft;

/// <summary>
/// The runtime's side of an activation, as seen by <see cref="Grain"/> and generated code.
/// Implemented by the runtime; not for application use.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainContext
{
    [ThreadStatic]
    private static GrainContext? s_current;

    /// <summary>The activation whose turn is running on this thread (or that is being constructed), if any.</summary>
    public static GrainContext? Current => s_current;

    /// <summary>Sets <see cref="Current"/> and returns the previous value, so the caller can restore it.</summary>
    protected static GrainContext? SetCurrent(GrainContext? context)
    {
        var previous = s_current;
        s_current = context;
        return previous;
    }

    /// <summary>The activation's grain id.</summary>
    public abstract GrainId GrainId { get; }

    /// <summary>The grain factory.</summary>
    public abstract IGrainFactory GrainFactory { get; }

    /// <summary>The silo's services.</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>Asks for deactivation after the current turn.</summary>
    public abstract void DeactivateOnIdle();

    /// <summary>Starts a grain timer.</summary>
    public abstract IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerOptions options);

    /// <summary>Returns the named stream provider.</summary>
    public abstract IStreamProvider GetStreamProvider(string name);

    /// <summary>Creates a persistent state bound to a storage provider; called by generated grain factories.</summary>
    public abstract IPersistentState<TState> GetPersistentState<TState>(string stateName, string storageName);
}
