namespace Weft.CodeGenerator.Model;

/// <summary>What the metadata provider needs about a grain interface (not its methods, so method edits do not touch it).</summary>
internal sealed record InterfaceRegistration(string TypeOfName, string ProxyName, string KeyKind);
