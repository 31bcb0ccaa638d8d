using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>
/// Routes calls made through grain references: to a local activation, or (later) across the network.
/// Implemented by the runtime; generated proxies call it through <see cref="GrainReference"/>.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class GrainCallInvoker
{
    /// <summary>Sends <paramref name="request"/> to the grain behind <paramref name="target"/>.</summary>
    public abstract ValueTask<TResult> InvokeAsync<TRequest, TResult>(GrainReference target, TRequest request)
        where TRequest : struct, IGrainRequest<TResult>;
}
