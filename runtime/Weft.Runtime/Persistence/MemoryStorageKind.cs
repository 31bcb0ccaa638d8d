using Microsoft.Extensions.DependencyInjection;

namespace Weft.Runtime.Persistence;

/// <summary>Registers the in-memory storage provider (<see cref="MemoryGrainStorage"/>), by name or as the kind "Memory".</summary>
public static class MemoryStorageKind
{
    /// <summary>The kind's name in configuration: <c>Weft:Storage:&lt;name&gt;:Provider=Memory</c>.</summary>
    public const string Name = "Memory";

    /// <summary>The kind: each named provider gets its own, empty store.</summary>
    public static GrainStorageKind Kind { get; } = new(Name, (_, _, _) => new MemoryGrainStorage());

    /// <summary>Makes the "Memory" kind available to configuration.</summary>
    public static IServiceCollection AddMemoryStorageKind(this IServiceCollection services) => services.AddGrainStorageKind(Kind);

    /// <summary>Registers an in-memory provider under <paramref name="name"/>.</summary>
    public static IServiceCollection AddMemoryGrainStorage(this IServiceCollection services, string name) =>
        services.AddGrainStorage(name, _ => new MemoryGrainStorage());
}
