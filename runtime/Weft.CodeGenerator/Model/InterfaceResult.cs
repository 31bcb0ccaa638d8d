namespace Weft.CodeGenerator.Model;

/// <summary>The analysis of one grain interface declaration: a model when it is valid, and its diagnostics.</summary>
internal sealed record InterfaceResult(InterfaceModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
