namespace Weft.Metadata;

/// <summary>A grain interface known to the runtime.</summary>
public sealed record GrainInterfaceMetadata(Type InterfaceType, GrainKeyKind KeyKind, GrainProxyFactory CreateProxy);
