using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Weft.Invocation;

/// <summary>
/// Base class of generated grain proxies: a grain id plus the invoker that routes calls. Grain code never sees
/// where the grain lives, so a call can cross a process boundary without grain code changing.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainReference : IAddressable
{
    /// <summary>Creates a reference.</summary>
    protected GrainReference(GrainId grainId, GrainCallInvoker invoker)
    {
        GrainId = grainId;
        Invoker = invoker;
    }

    /// <summary>The grain this reference points to.</summary>
    public GrainId GrainId { get; }

    /// <summary>The invoker routing calls.</summary>
    public GrainCallInvoker Invoker { get; }

    /// <summary>
    /// Routing state the invoker may keep with the reference (the local activation last used), so repeated calls
    /// through one reference skip the directory lookup. The invoker checks it is still valid on every call.
    /// </summary>
    public object? RoutingCache { get; set; }

    /// <summary>Sends a request.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    protected ValueTask<TResult> InvokeAsync<TRequest, TResult>(TRequest request)
        where TRequest : struct, IGrainRequest<TResult>
        => Invoker.InvokeAsync<TRequest, TResult>(this, request);

    /// <summary>Adapts a result-less call to Task without allocating when it completed synchronously.</summary>
    protected static Task ToTask(ValueTask<NoResult> call)
        => call.IsCompletedSuccessfully ? Task.CompletedTask : call.AsTask();

    /// <summary>Adapts a result-less call to ValueTask.</summary>
    protected static ValueTask ToValueTask(ValueTask<NoResult> call)
        => call.IsCompletedSuccessfully ? default : new ValueTask(call.AsTask());

    /// <summary>Returns <c>type/key</c>.</summary>
    public override string ToString() => GrainId.ToString();
}
