using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace Weft.CodeGenerator.Tests.Infrastructure;

/// <summary>What one generator run produced: its diagnostics, generated files and the compilation including them.</summary>
internal sealed record GeneratorOutcome(
    GeneratorDriver Driver,
    GeneratorDriverRunResult RunResult,
    Compilation Output,
    ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IReadOnlyList<string> GeneratedFileNames
        => RunResult.Results.Single().GeneratedSources.Select(s => s.HintName).ToList();

    public string AllGeneratedCode
        => string.Join("\n", RunResult.Results.Single().GeneratedSources.Select(s => s.SourceText.ToString()));

    public string Generated(string hintName)
        => RunResult.Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    /// <summary>Errors and warnings of the compilation with the generated code added.</summary>
    public IReadOnlyList<Diagnostic> OutputProblems
        => Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();

    public Diagnostic SingleDiagnostic(string id)
    {
        var matching = GeneratorDiagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"Expected one {id}, got: {string.Join("; ", GeneratorDiagnostics)}");
        Assert.Equal(DiagnosticSeverity.Error, matching[0].Severity);
        return matching[0];
    }

    /// <summary>Compiles the output and loads it, so generated proxies and factories can be exercised.</summary>
    public Assembly Load()
    {
        using var image = new MemoryStream();
        var emit = Output.Emit(image);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        image.Position = 0;
        return new AssemblyLoadContext(Output.AssemblyName, isCollectible: true).LoadFromStream(image);
    }
}
