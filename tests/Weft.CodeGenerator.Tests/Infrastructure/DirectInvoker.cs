using Weft.Invocation;

namespace Weft.CodeGenerator.Tests.Infrastructure;

/// <summary>Routes proxy calls straight to one object, recording what the generated requests told it.</summary>
internal sealed class DirectInvoker(object target) : GrainCallInvoker
{
    public List<GrainMethodDescriptor> Calls { get; } = [];

    public RecordingCopier Copier { get; } = new();

    public override ValueTask<TResult> InvokeAsync<TRequest, TResult>(GrainReference target1, TRequest request)
    {
        Calls.Add(TRequest.Method);
        request.CopyArguments(Copier);
        return request.Invoke(target);
    }
}
