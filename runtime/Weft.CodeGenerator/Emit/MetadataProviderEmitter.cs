using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis.CSharp;
using Weft.CodeGenerator.Model;

namespace Weft.CodeGenerator.Emit;

/// <summary>Emits the assembly's IGrainMetadataProvider and the assembly attribute that names it.</summary>
internal static class MetadataProviderEmitter
{
    private const string Metadata = "global::Weft.Metadata.";

    public static string Emit(IReadOnlyList<InterfaceRegistration> interfaces, IReadOnlyList<ClassModel> classes, string generatedNamespace)
    {
        var writer = new SourceWriter().Header()
            .Line($"[assembly: {Metadata}GrainMetadataProviderAttribute(typeof(global::{generatedNamespace}.GrainMetadataProvider))]")
            .Line()
            .Line($"namespace {generatedNamespace};")
            .Line()
            .Line(SourceWriter.GeneratedCodeAttribute)
            .Line($"internal sealed class GrainMetadataProvider : {Metadata}IGrainMetadataProvider")
            .Open()
            .Line($"public void Populate({Metadata}GrainMetadataBuilder builder)")
            .Open();

        foreach (var registration in interfaces)
        {
            writer.Line($"builder.AddInterface(typeof({registration.TypeOfName}), {Metadata}GrainKeyKind.{registration.KeyKind}, static (id, invoker) => new {registration.ProxyName}(id, invoker));");
        }

        foreach (var grainClass in classes)
        {
            var interfaceTypes = string.Join(", ", grainClass.Interfaces.Select(i => $"typeof({i})"));
            var states = grainClass.States.Count == 0
                ? $"global::System.Array.Empty<{Metadata}PersistentStateDeclaration>()"
                : $"new {Metadata}PersistentStateDeclaration[] {{ {string.Join(", ", grainClass.States.Select(State))} }}";
            writer.Line("builder.AddClass(")
                .Line($"    {Literal(grainClass.GrainType)},")
                .Line($"    typeof({grainClass.TypeOfName}),")
                .Line($"    new global::System.Type[] {{ {interfaceTypes} }},")
                .Line($"    {(grainClass.IsReentrant ? "true" : "false")},")
                .Line($"    {states},")
                .Line($"    static (services, context) => new {grainClass.TypeOfName}({string.Join(", ", grainClass.FactoryArguments)}));");
        }

        return writer.Close().Close().ToString();
    }

    private static string State(StateModel state)
        => $"new {Metadata}PersistentStateDeclaration({Literal(state.StateName)}, {Literal(state.StorageName)}, typeof({state.StateTypeOfName}))";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);
}
