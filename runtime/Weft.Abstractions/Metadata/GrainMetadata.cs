using System.ComponentModel;
using Weft.Invocation;

namespace Weft.Metadata;

/// <summary>Implemented by generated code: registers an assembly's grain interfaces (proxies) and grain classes.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface IGrainMetadataProvider
{
    /// <summary>Adds this assembly's grain metadata.</summary>
    void Populate(GrainMetadataBuilder builder);
}

/// <summary>Names the generated <see cref="IGrainMetadataProvider"/> of an assembly, so hosts find it at start-up.</summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainMetadataProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type; it has a public parameterless constructor.</summary>
    public Type ProviderType { get; } = providerType;
}

/// <summary>How a grain interface is keyed.</summary>
public enum GrainKeyKind
{
    /// <summary><see cref="IGrainWithStringKey"/>.</summary>
    String,

    /// <summary><see cref="IGrainWithIntegerKey"/>.</summary>
    Integer,

    /// <summary><see cref="IGrainWithGuidKey"/>.</summary>
    Guid,
}

/// <summary>Creates a proxy for a grain interface.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate GrainReference GrainProxyFactory(GrainId grainId, GrainCallInvoker invoker);

/// <summary>Creates a grain instance; <see cref="GrainContext.Current"/> is the new activation while it runs.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate Grain GrainFactoryMethod(IServiceProvider services, GrainContext context);

/// <summary>A grain interface known to the runtime.</summary>
public sealed record GrainInterfaceMetadata(Type InterfaceType, GrainKeyKind KeyKind, GrainProxyFactory CreateProxy);

/// <summary>A persistent state a grain class declares in its constructor.</summary>
public sealed record PersistentStateDeclaration(string StateName, string StorageName, Type StateType);

/// <summary>A grain class known to the runtime.</summary>
public sealed record GrainClassMetadata(
    string GrainType,
    Type ClassType,
    IReadOnlyList<Type> Interfaces,
    bool IsReentrant,
    IReadOnlyList<PersistentStateDeclaration> States,
    GrainFactoryMethod Create);

/// <summary>Collects the metadata generated code registers.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainMetadataBuilder
{
    private readonly List<GrainInterfaceMetadata> _interfaces = [];
    private readonly List<GrainClassMetadata> _classes = [];

    /// <summary>The registered interfaces.</summary>
    public IReadOnlyList<GrainInterfaceMetadata> Interfaces => _interfaces;

    /// <summary>The registered classes.</summary>
    public IReadOnlyList<GrainClassMetadata> Classes => _classes;

    /// <summary>Registers a grain interface and its proxy.</summary>
    public void AddInterface(Type interfaceType, GrainKeyKind keyKind, GrainProxyFactory createProxy)
        => _interfaces.Add(new GrainInterfaceMetadata(interfaceType, keyKind, createProxy));

    /// <summary>Registers a grain class.</summary>
    public void AddClass(
        string grainType,
        Type classType,
        Type[] interfaces,
        bool isReentrant,
        PersistentStateDeclaration[] states,
        GrainFactoryMethod create)
        => _classes.Add(new GrainClassMetadata(grainType, classType, interfaces, isReentrant, states, create));
}
