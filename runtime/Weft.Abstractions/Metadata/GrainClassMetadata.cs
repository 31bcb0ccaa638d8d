namespace Weft.Metadata;

/// <summary>A grain class known to the runtime.</summary>
public sealed record GrainClassMetadata(
    string GrainType,
    Type ClassType,
    IReadOnlyList<Type> Interfaces,
    bool IsReentrant,
    IReadOnlyList<PersistentStateDeclaration> States,
    GrainFactoryMethod Create);
