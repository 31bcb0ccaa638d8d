namespace Weft;

/// <summary>
/// Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/>: the state's name within the
/// grain, and the name of the storage provider that keeps it (bound by configuration: <c>Weft:Storage:&lt;name&gt;</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string storageName = PersistentStateAttribute.DefaultStorageName) : Attribute
{
    /// <summary>The storage provider used when none is named.</summary>
    public const string DefaultStorageName = "Default";

    /// <summary>The state's name within the grain.</summary>
    public string StateName { get; } = stateName;

    /// <summary>The storage provider's name.</summary>
    public string StorageName { get; } = storageName;
}
