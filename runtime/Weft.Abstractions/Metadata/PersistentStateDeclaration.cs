namespace Weft.Metadata;

/// <summary>A persistent state a grain class declares in its constructor.</summary>
public sealed record PersistentStateDeclaration(string StateName, string StorageName, Type StateType);
