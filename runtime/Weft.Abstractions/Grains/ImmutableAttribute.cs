namespace Weft;

/// <summary>
/// Declares that a type is immutable, so local calls pass it by reference instead of copying it.
/// Primitive types, strings, Guid, date and time types, enums and records whose fields are all readonly
/// and of immutable types are recognised without it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ImmutableAttribute : Attribute;
