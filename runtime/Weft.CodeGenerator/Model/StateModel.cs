namespace Weft.CodeGenerator.Model;

/// <summary>A persistent state a grain class declares in its constructor.</summary>
internal sealed record StateModel(string StateName, string StorageName, string StateTypeOfName);
