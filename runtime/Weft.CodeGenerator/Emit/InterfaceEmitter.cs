using System.Linq;
using Weft.CodeGenerator.Model;

namespace Weft.CodeGenerator.Emit;

/// <summary>Emits a grain interface's request structs (one per method) and its proxy class.</summary>
internal static class InterfaceEmitter
{
    private const string Invocation = "global::Weft.Invocation.";

    public static string Emit(InterfaceModel model, string generatedNamespace)
    {
        var writer = new SourceWriter().Header().Line($"namespace {generatedNamespace};");
        foreach (var method in model.Methods)
        {
            writer.Line();
            WriteRequest(writer, method);
        }

        writer.Line();
        WriteProxy(writer, model, generatedNamespace);
        return writer.ToString();
    }

    private static void WriteRequest(SourceWriter writer, MethodModel method)
    {
        var parameters = method.Parameters;
        writer.Line(SourceWriter.GeneratedCodeAttribute)
            .Line($"internal struct {method.RequestName} : {Invocation}IGrainRequest<{method.ResultType}>")
            .Open()
            .Line($"private static readonly {Invocation}GrainMethodDescriptor s_method = new(typeof({method.DeclaringInterfaceTypeOf}), \"{method.Name}\", {method.Options}, argumentsNeedCopy: {Bool(method.ArgumentsNeedCopy)}, resultNeedsCopy: {Bool(method.ResultNeedsCopy)});")
            .Line()
            .Line($"public static {Invocation}GrainMethodDescriptor Method => s_method;");

        if (parameters.Count > 0)
        {
            writer.Line();
            for (var i = 0; i < parameters.Count; i++)
            {
                writer.Line($"public {parameters[i].Type} Arg{i};");
            }

            writer.Line()
                .Line($"public {method.RequestName}({string.Join(", ", parameters.Select((p, i) => $"{p.Type} arg{i}"))})")
                .Open();
            for (var i = 0; i < parameters.Count; i++)
            {
                writer.Line($"Arg{i} = arg{i};");
            }

            writer.Close();
        }

        var call = $"(({method.DeclaringInterface})grain).{method.EscapedName}({string.Join(", ", parameters.Select((_, i) => $"Arg{i}"))})";
        if (method.ReturnIsNullable)
        {
            call += "!";
        }

        var invoke = method.ReturnKind == ReturnKind.ValueTaskOfT ? call : $"{Invocation}GrainMethodResults.From({call})";
        writer.Line()
            .Line($"public global::System.Threading.Tasks.ValueTask<{method.ResultType}> Invoke(object grain) => {invoke};")
            .Line()
            .Line($"public void CopyArguments({Invocation}IDeepCopier copier)")
            .Open();
        for (var i = 0; i < parameters.Count; i++)
        {
            if (parameters[i].NeedsCopy)
            {
                writer.Line($"Arg{i} = copier.Copy(Arg{i});");
            }
        }

        writer.Close().Close();
    }

    private static void WriteProxy(SourceWriter writer, InterfaceModel model, string generatedNamespace)
    {
        writer.Line(SourceWriter.GeneratedCodeAttribute)
            .Line($"internal sealed class {model.ProxyName} : {Invocation}GrainReference, {model.TypeName}")
            .Open()
            .Line($"public {model.ProxyName}(global::Weft.GrainId grainId, {Invocation}GrainCallInvoker invoker)")
            .Line("    : base(grainId, invoker)")
            .Open()
            .Close();

        foreach (var method in model.Methods)
        {
            var parameters = string.Join(", ", method.Parameters.Select(p => $"{p.Type} {p.Name}"));
            var request = $"global::{generatedNamespace}.{method.RequestName}";
            var arguments = string.Join(", ", method.Parameters.Select(p => p.Name));

            // base. and a qualified GrainReference keep parameters named like the helpers from shadowing them.
            var send = $"base.InvokeAsync<{request}, {method.ResultType}>(new {request}({arguments}))";
            var body = method.ReturnKind switch
            {
                ReturnKind.ValueTaskOfT => send,
                ReturnKind.TaskOfT => send + ".AsTask()",
                ReturnKind.Task => $"{Invocation}GrainReference.ToTask({send})",
                _ => $"{Invocation}GrainReference.ToValueTask({send})",
            };

            writer.Line()
                .Line($"{method.ReturnType} {method.DeclaringInterface}.{method.EscapedName}({parameters})")
                .Line($"    => {body};");
        }

        writer.Close();
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
