namespace Weft;

/// <summary>
/// A grain interface method that does not change the grain's state: read-only calls may interleave
/// with each other, never with other calls.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class ReadOnlyAttribute : Attribute;
