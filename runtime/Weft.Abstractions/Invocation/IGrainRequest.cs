using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>
/// One call to one grain interface method, with its arguments in fields. The source generator emits a struct per
/// method, so a local call needs no allocation for the request: the runtime is generic over the struct type.
/// </summary>
/// <typeparam name="TResult">The method's result, or <see cref="NoResult"/> for Task and ValueTask.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainRequest<TResult>
{
    /// <summary>The method this request calls.</summary>
    static abstract GrainMethodDescriptor Method { get; }

    /// <summary>Calls the method on the grain instance.</summary>
    ValueTask<TResult> Invoke(object grain);

    /// <summary>Replaces mutable arguments by deep copies, so caller and callee never share mutable objects.</summary>
    void CopyArguments(IDeepCopier copier);
}
