namespace Weft;

/// <summary>
/// Lets calls to this grain class interleave at await points. Turns still never run in parallel:
/// an activation executes one piece of work at a time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>A grain interface method whose calls may interleave with any other call to the activation.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// A grain interface method that does not change the grain's state: read-only calls may interleave
/// with each other, never with other calls.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ReadOnlyAttribute : Attribute;

/// <summary>
/// Declares that a type is immutable, so local calls pass it by reference instead of copying it.
/// Primitive types, strings, Guid, date and time types, enums and records whose fields are all readonly
/// and of immutable types are recognised without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
