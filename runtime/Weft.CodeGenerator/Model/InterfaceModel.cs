namespace Weft.CodeGenerator.Model;

/// <summary>A valid grain interface: everything needed to emit its requests and proxy.</summary>
/// <param name="TypeName">Fully qualified, with nullable annotations.</param>
/// <param name="TypeOfName">Fully qualified, valid inside typeof.</param>
/// <param name="MangledName">Unique identifier fragment derived from the full name.</param>
/// <param name="KeyKind">The GrainKeyKind member name.</param>
/// <param name="Methods">Its own methods, then those of inherited interfaces.</param>
internal sealed record InterfaceModel(
    string TypeName,
    string TypeOfName,
    string MangledName,
    string KeyKind,
    EquatableArray<MethodModel> Methods)
{
    public string ProxyName => "Proxy_" + MangledName;
}
