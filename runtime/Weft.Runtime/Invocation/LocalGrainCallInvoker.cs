using Weft.Invocation;
using Weft.Runtime.Catalog;

namespace Weft.Runtime.Invocation;

/// <summary>
/// Routes calls to activations in this silo. The reference remembers its activation, so repeated calls skip the
/// directory. This is the seam where a later version decides between local and remote.
/// </summary>
internal sealed class LocalGrainCallInvoker(GrainCatalog catalog) : GrainCallInvoker
{
    public override ValueTask<TResult> InvokeAsync<TRequest, TResult>(GrainReference target, TRequest request)
    {
        // Failures to route (copying, shutdown, unknown grain type) fault the returned task, as a remote call would.
        try
        {
            if (TRequest.Method.ArgumentsNeedCopy)
            {
                request.CopyArguments(catalog.CallContext.Copier);
            }

            if (target.RoutingCache is not Activation activation || activation.IsInvalid)
            {
                activation = catalog.GetOrCreateActivation(target.GrainId, (TRequest.Method.Options & GrainMethodOptions.FreshKey) != 0);
                target.RoutingCache = activation;
            }

            return activation.InvokeAsync<TRequest, TResult>(request);
        }
        catch (Exception e)
        {
            return ValueTask.FromException<TResult>(e);
        }
    }
}
