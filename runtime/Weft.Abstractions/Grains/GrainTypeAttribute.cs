namespace Weft;

/// <summary>
/// Pins the stable name of a grain class. Stored state is keyed by this name, so pin it before renaming a class.
/// Without it the name is the class name without a trailing "Grain", in lower case (CounterGrain → counter).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type name.</summary>
    public string Name { get; } = name;
}
