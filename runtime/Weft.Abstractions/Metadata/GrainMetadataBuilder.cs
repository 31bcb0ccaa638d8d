using System.ComponentModel;

namespace Weft.Metadata;

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
