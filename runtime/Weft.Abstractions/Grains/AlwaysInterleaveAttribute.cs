namespace Weft;

/// <summary>A grain interface method whose calls may interleave with any other call to the activation.</summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;
