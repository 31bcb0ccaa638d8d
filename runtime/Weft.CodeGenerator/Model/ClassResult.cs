namespace Weft.CodeGenerator.Model;

/// <summary>The analysis of one grain class: a model when it can be registered, and its diagnostics.</summary>
internal sealed record ClassResult(ClassModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);
