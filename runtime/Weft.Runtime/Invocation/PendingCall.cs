using Weft.Runtime.Scheduling;

namespace Weft.Runtime.Invocation;

/// <summary>
/// A call that <see cref="PendingCalls"/> can time out: the links of its stripe's list live in the call itself, so
/// watching it allocates nothing.
/// </summary>
internal abstract class PendingCall : ActivationWorkItem
{
    internal PendingCalls.Stripe? Stripe;
    internal PendingCall? Previous;
    internal PendingCall? Next;

    /// <summary>The timestamp after which the caller stops waiting for the answer.</summary>
    internal long AnswerDeadline;

    /// <summary>Ends the caller's wait with a <see cref="TimeoutException"/>; the call itself may go on.</summary>
    public abstract void TimeOut();
}
