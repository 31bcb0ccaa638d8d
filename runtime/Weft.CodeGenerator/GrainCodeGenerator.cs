using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Weft.CodeGenerator.Analysis;
using Weft.CodeGenerator.Diagnostics;
using Weft.CodeGenerator.Emit;
using Weft.CodeGenerator.Model;

namespace Weft.CodeGenerator;

/// <summary>
/// Generates, for the grain interfaces and grain classes of a compilation, request structs and proxies (one file per
/// interface) and the assembly's grain metadata provider (one file). Each step's output is plain equatable data, so
/// an edit that does not change a grain's shape regenerates nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainCodeGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var generatedNamespace = context.CompilationProvider
            .Select(static (compilation, _) => "Weft.Generated." + Naming.EscapeKeyword(Naming.SanitizeAssemblyName(compilation.AssemblyName)))
            .WithTrackingName(TrackingNames.AssemblyName);

        var interfaces = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => InterfaceAnalyzer.IsCandidate(node),
                static (syntaxContext, cancellationToken) => InterfaceAnalyzer.Analyze(syntaxContext, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Interfaces);

        context.RegisterSourceOutput(interfaces.Combine(generatedNamespace), static (output, input) =>
        {
            var (result, ns) = input;
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is { } model)
            {
                output.AddSource(model.MangledName + ".g.cs", SourceText.From(InterfaceEmitter.Emit(model, ns), System.Text.Encoding.UTF8));
            }
        });

        var registrations = interfaces
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => new InterfaceRegistration(result.Model!.TypeOfName, result.Model.ProxyName, result.Model.KeyKind))
            .WithTrackingName(TrackingNames.InterfaceRegistrations)
            .Collect();

        var classes = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => ClassAnalyzer.IsCandidate(node),
                static (syntaxContext, cancellationToken) => ClassAnalyzer.Analyze(syntaxContext, cancellationToken))
            .Where(static result => result is not null)
            .Select(static (result, _) => result!)
            .WithTrackingName(TrackingNames.Classes)
            .Collect();

        var metadata = classes.Combine(registrations).Combine(generatedNamespace).WithTrackingName(TrackingNames.Metadata);
        context.RegisterSourceOutput(metadata, static (output, input) =>
        {
            var ((classResults, interfaceRegistrations), ns) = input;
            EmitMetadata(output, classResults, interfaceRegistrations, ns);
        });
    }

    private static void EmitMetadata(
        SourceProductionContext output,
        ImmutableArray<ClassResult> classResults,
        ImmutableArray<InterfaceRegistration> interfaceRegistrations,
        string ns)
    {
        var classes = new List<ClassModel>();
        var byGrainType = new Dictionary<string, ClassModel>();
        var duplicates = new HashSet<string>();
        foreach (var result in classResults.OrderBy(static r => r.Model?.TypeOfName, System.StringComparer.Ordinal))
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                output.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is not { } model)
            {
                continue;
            }

            if (byGrainType.TryGetValue(model.GrainType, out var first))
            {
                duplicates.Add(model.GrainType);
                output.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicateGrainType, model.Location?.ToLocation(), first.Name, model.Name, model.GrainType));
                continue;
            }

            byGrainType.Add(model.GrainType, model);
            classes.Add(model);
        }

        classes.RemoveAll(c => duplicates.Contains(c.GrainType));
        var interfaces = interfaceRegistrations.OrderBy(static r => r.TypeOfName, System.StringComparer.Ordinal).ToList();
        if (interfaces.Count == 0 && classes.Count == 0)
        {
            return;
        }

        output.AddSource("GrainMetadataProvider.g.cs", SourceText.From(MetadataProviderEmitter.Emit(interfaces, classes, ns), System.Text.Encoding.UTF8));
    }
}
