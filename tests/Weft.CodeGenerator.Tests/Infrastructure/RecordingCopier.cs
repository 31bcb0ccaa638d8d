using Weft.Invocation;

namespace Weft.CodeGenerator.Tests.Infrastructure;

/// <summary>Records which values generated requests asked to copy; returns them unchanged.</summary>
internal sealed class RecordingCopier : IDeepCopier
{
    public List<object?> Copied { get; } = [];

    public T Copy<T>(T value)
    {
        Copied.Add(value);
        return value;
    }
}
