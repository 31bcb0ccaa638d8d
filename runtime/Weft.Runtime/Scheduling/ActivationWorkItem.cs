using Weft.Invocation;
using Weft.Runtime.Catalog;

namespace Weft.Runtime.Scheduling;

/// <summary>
/// A unit of work that must be admitted to an activation before it runs: a queued call or a timer tick.
/// Calls that find their activation idle run inline and never become work items.
/// </summary>
internal abstract class ActivationWorkItem
{
    /// <summary>How the work may interleave with other work on the activation.</summary>
    public abstract GrainMethodOptions Options { get; }

    /// <summary>Whether finishing this work counts as activity for idle collection.</summary>
    public virtual bool KeepsAlive => true;

    /// <summary>Whether the caller has given up waiting, so the work should not start.</summary>
    public virtual bool IsExpired(long nowTimestamp) => false;

    /// <summary>
    /// Starts the work inside the activation's turn. Implementations report the end with
    /// <see cref="Activation.OnWorkCompleted"/>, exactly once.
    /// </summary>
    public abstract void Start(Activation activation);

    /// <summary>Ends work that will never start (activation failed, silo stopping, caller timed out).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Sends the work to the grain's current activation after the one it was queued on went away.</summary>
    public abstract void Redirect(GrainCatalog catalog, GrainId grainId);
}
