using Weft.Runtime.Catalog;

namespace Weft.Runtime.Scheduling;

/// <summary>
/// Brings the continuations of a grain's awaits back to its activation, so they run one at a time and
/// in order with the activation's other work (Orleans does the same with a TaskScheduler per activation).
/// Code that uses ConfigureAwait(false) or Task.Run leaves the activation on purpose.
/// </summary>
internal sealed class ActivationSynchronizationContext(Activation activation) : SynchronizationContext
{
    public override void Post(SendOrPostCallback d, object? state) => activation.EnqueueContinuation(d, state);

    public override void Send(SendOrPostCallback d, object? state)
        => throw new NotSupportedException("Synchronous Send to a grain activation would block its turn; await instead.");

    public override SynchronizationContext CreateCopy() => this;
}
