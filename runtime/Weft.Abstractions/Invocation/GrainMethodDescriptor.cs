using System.ComponentModel;

namespace Weft.Invocation;

/// <summary>What the runtime needs to know about a grain interface method; one instance per method, made by generated code.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainMethodDescriptor(
    Type interfaceType,
    string methodName,
    GrainMethodOptions options,
    bool argumentsNeedCopy,
    bool resultNeedsCopy)
{
    /// <summary>The grain interface.</summary>
    public Type InterfaceType { get; } = interfaceType;

    /// <summary>The method name.</summary>
    public string MethodName { get; } = methodName;

    /// <summary>Interleaving options.</summary>
    public GrainMethodOptions Options { get; } = options;

    /// <summary>Some argument is of a type not known to be immutable.</summary>
    public bool ArgumentsNeedCopy { get; } = argumentsNeedCopy;

    /// <summary>The result is of a type not known to be immutable.</summary>
    public bool ResultNeedsCopy { get; } = resultNeedsCopy;

    /// <summary>Returns <c>Interface.Method</c>.</summary>
    public override string ToString() => $"{InterfaceType.Name}.{MethodName}";
}

/// <summary>How a method's calls may interleave with others on the same activation, and how they activate it.</summary>
[Flags]
[EditorBrowsable(EditorBrowsableState.Never)]
public enum GrainMethodOptions
{
    /// <summary>Follows the grain class (reentrant or not).</summary>
    None = 0,

    /// <summary>Always interleaves.</summary>
    AlwaysInterleave = 1,

    /// <summary>Interleaves with other read-only calls.</summary>
    ReadOnly = 2,

    /// <summary>A call that activates the grain skips reading its persistent state (see <see cref="FreshKeyAttribute"/>).</summary>
    FreshKey = 4,
}
