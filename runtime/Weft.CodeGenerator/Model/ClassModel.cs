namespace Weft.CodeGenerator.Model;

/// <summary>A grain class: its registration and the arguments its factory passes to the constructor.</summary>
/// <param name="TypeOfName">Fully qualified, valid inside typeof and new.</param>
/// <param name="Name">The simple class name, for messages.</param>
/// <param name="GrainType">The stable grain type name.</param>
/// <param name="Interfaces">The grain interfaces it implements, in typeof form.</param>
/// <param name="IsReentrant">The class has [Reentrant].</param>
/// <param name="States">Its persistent states, in constructor order.</param>
/// <param name="FactoryArguments">One C# expression per constructor parameter.</param>
/// <param name="Location">Where duplicate grain type names are reported.</param>
internal sealed record ClassModel(
    string TypeOfName,
    string Name,
    string GrainType,
    EquatableArray<string> Interfaces,
    bool IsReentrant,
    EquatableArray<StateModel> States,
    EquatableArray<string> FactoryArguments,
    LocationInfo? Location);
