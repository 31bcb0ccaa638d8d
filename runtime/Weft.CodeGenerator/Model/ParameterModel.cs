namespace Weft.CodeGenerator.Model;

/// <summary>A grain method parameter: its escaped declared name, its type (with nullable annotations) and whether it is copied.</summary>
internal sealed record ParameterModel(string Name, string Type, bool NeedsCopy);
