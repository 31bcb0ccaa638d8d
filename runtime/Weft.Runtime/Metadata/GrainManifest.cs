using System.Reflection;
using Weft.Metadata;

namespace Weft.Runtime.Metadata;

/// <summary>
/// What this process knows about grain interfaces and classes, collected from the generated metadata providers
/// of the loaded assemblies at start-up (the only place reflection is used).
/// </summary>
internal sealed class GrainManifest
{
    private readonly Dictionary<Type, GrainInterfaceEntry> _interfaces = [];
    private readonly Dictionary<string, GrainClassMetadata> _classes = new(StringComparer.Ordinal);

    public GrainManifest(IEnumerable<IGrainMetadataProvider> providers)
    {
        var builder = new GrainMetadataBuilder();
        foreach (var provider in providers)
        {
            provider.Populate(builder);
        }

        foreach (var grainClass in builder.Classes)
        {
            if (_classes.TryGetValue(grainClass.GrainType, out var existing) && existing.ClassType != grainClass.ClassType)
            {
                throw new InvalidOperationException(
                    $"Grain classes {existing.ClassType.FullName} and {grainClass.ClassType.FullName} share the grain type name " +
                    $"'{grainClass.GrainType}'; give one of them a different [GrainType(\"...\")].");
            }

            _classes[grainClass.GrainType] = grainClass;
        }

        foreach (var grainInterface in builder.Interfaces)
        {
            var implementations = _classes.Values.Where(c => c.Interfaces.Contains(grainInterface.InterfaceType)).ToList();
            _interfaces[grainInterface.InterfaceType] = new GrainInterfaceEntry(grainInterface, implementations);
        }
    }

    public IEnumerable<GrainClassMetadata> Classes => _classes.Values;

    public GrainInterfaceEntry GetInterface(Type interfaceType)
        => _interfaces.TryGetValue(interfaceType, out var entry)
            ? entry
            : throw new ArgumentException(
                $"{interfaceType.FullName} is not a known grain interface: its assembly must reference Weft's source generator " +
                "(<WeftCodeGen>true</WeftCodeGen>) and be loaded by the host.");

    public GrainClassMetadata GetClass(string grainType)
        => _classes.TryGetValue(grainType, out var grainClass)
            ? grainClass
            : throw new InvalidOperationException($"No grain class with grain type '{grainType}' is loaded in this silo.");

    /// <summary>Finds the generated providers of the entry assembly, the loaded assemblies and everything they reference.</summary>
    public static IReadOnlyList<IGrainMetadataProvider> DiscoverProviders(IEnumerable<Assembly> extraAssemblies)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>(AppDomain.CurrentDomain.GetAssemblies().Concat(extraAssemblies));
        if (Assembly.GetEntryAssembly() is { } entry)
        {
            pending.Push(entry);
        }

        var providers = new List<IGrainMetadataProvider>();
        while (pending.TryPop(out var assembly))
        {
            if (assembly.IsDynamic || !seen.Add(assembly.FullName ?? assembly.GetName().Name ?? string.Empty) || IsFrameworkAssembly(assembly.GetName()))
            {
                continue;
            }

            foreach (var attribute in assembly.GetCustomAttributes<GrainMetadataProviderAttribute>())
            {
                providers.Add((IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!);
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                if (IsFrameworkAssembly(reference) || seen.Contains(reference.FullName))
                {
                    continue;
                }

                try
                {
                    pending.Push(Assembly.Load(reference));
                }
                catch (FileNotFoundException)
                {
                    // A reference that is not deployed cannot hold grains this process runs.
                }
            }
        }

        return providers;
    }

    private static bool IsFrameworkAssembly(AssemblyName name)
    {
        var simpleName = name.Name ?? string.Empty;
        return simpleName.StartsWith("System", StringComparison.Ordinal)
            || simpleName.StartsWith("Microsoft.", StringComparison.Ordinal)
            || simpleName is "mscorlib" or "netstandard" or "xunit.core" or "xunit.assert" or "Npgsql";
    }
}

/// <summary>A grain interface and the grain classes that implement it.</summary>
internal sealed class GrainInterfaceEntry(GrainInterfaceMetadata metadata, IReadOnlyList<GrainClassMetadata> implementations)
{
    public GrainInterfaceMetadata Metadata { get; } = metadata;

    /// <summary>The grain type calls through this interface go to.</summary>
    public string GrainType => implementations.Count switch
    {
        1 => implementations[0].GrainType,
        0 => throw new InvalidOperationException(
            $"No grain class implementing {Metadata.InterfaceType.FullName} is loaded in this silo; reference the assembly that has one."),
        _ => throw new InvalidOperationException(
            $"{Metadata.InterfaceType.FullName} is implemented by several grain classes " +
            $"({string.Join(", ", implementations.Select(c => c.ClassType.Name))}); give each its own interface."),
    };
}
