namespace Weft.Runtime.Hosting;

/// <summary>Settings of a silo, bound from <c>Weft:Silo</c>.</summary>
public sealed class SiloOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:Silo";

    /// <summary>How long a caller waits for a grain call before a <see cref="TimeoutException"/>. Default 30 s.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an activation may stay idle before it is deactivated. Default 15 min.</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Idle ages for particular grain types (the grain type name as key, for example <c>"status": "00:05:00"</c>), over
    /// the class's <see cref="CollectionAgeLimitAttribute"/> and <see cref="CollectionAge"/>.
    /// </summary>
    public IDictionary<string, TimeSpan> CollectionAgeByGrainType { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>How often the idle collector looks; activations are collected between age and age + quantum. Default 1 min.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long shutdown waits for activations to deactivate. Default 30 s.</summary>
    public TimeSpan DeactivationTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Assemblies to search for grains in addition to the loaded ones and their references.</summary>
    public IList<System.Reflection.Assembly> GrainAssemblies { get; } = [];
}
