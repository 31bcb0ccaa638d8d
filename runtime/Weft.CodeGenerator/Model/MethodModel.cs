namespace Weft.CodeGenerator.Model;

/// <summary>One grain method and the request struct generated for it.</summary>
/// <param name="DeclaringInterface">The interface declaring the method, with nullable annotations (explicit implementations, casts).</param>
/// <param name="DeclaringInterfaceTypeOf">The same interface in a form valid inside typeof.</param>
/// <param name="Name">The method name as metadata spells it.</param>
/// <param name="EscapedName">The method name as C# source must spell it.</param>
/// <param name="ReturnType">The declared return type.</param>
/// <param name="ReturnKind">Which awaitable it is.</param>
/// <param name="ReturnIsNullable">The declared Task is annotated nullable, so the request asserts it is not null.</param>
/// <param name="ResultType">T of Task&lt;T&gt;/ValueTask&lt;T&gt;, or NoResult.</param>
/// <param name="Options">A GrainMethodOptions expression.</param>
/// <param name="ArgumentsNeedCopy">Some parameter type is not known to be immutable.</param>
/// <param name="ResultNeedsCopy">The result type is not known to be immutable.</param>
/// <param name="Parameters">The parameters, in order.</param>
/// <param name="RequestName">The generated request struct.</param>
internal sealed record MethodModel(
    string DeclaringInterface,
    string DeclaringInterfaceTypeOf,
    string Name,
    string EscapedName,
    string ReturnType,
    ReturnKind ReturnKind,
    bool ReturnIsNullable,
    string ResultType,
    string Options,
    bool ArgumentsNeedCopy,
    bool ResultNeedsCopy,
    EquatableArray<ParameterModel> Parameters,
    string RequestName);
