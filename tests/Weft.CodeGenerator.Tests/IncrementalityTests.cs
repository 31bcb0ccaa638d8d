using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Weft.CodeGenerator.Tests.Infrastructure;

namespace Weft.CodeGenerator.Tests;

/// <summary>Edits that do not change a grain's shape must reuse every cached step and regenerate nothing.</summary>
public sealed class IncrementalityTests
{
    private const string Grains = """
        using System.Threading.Tasks;
        using Weft;

        namespace Sample;

        public interface ICounterGrain : IGrainWithStringKey
        {
            Task<int> Get();
        }

        public sealed class CounterGrain : Grain, ICounterGrain
        {
            public Task<int> Get() => Task.FromResult(42);
        }
        """;

    private const string Unrelated = """
        namespace Sample;

        public static class Helpers
        {
            public static int Twice(int value) => value * 2;
        }
        """;

    [Fact]
    public void Unrelated_edit_reuses_every_cached_output()
    {
        var compilation = GeneratorHarness.CreateCompilation("Test.Grains", Grains, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText(Unrelated.Replace("value * 2", "value + value", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(result, TrackingNames.Interfaces);
        AssertAllCachedOrUnchanged(result, TrackingNames.Classes);
        AssertAllCachedOrUnchanged(result, TrackingNames.Metadata);
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Editing_a_method_body_of_a_grain_class_reuses_every_cached_output()
    {
        var compilation = GeneratorHarness.CreateCompilation("Test.Grains", Grains);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(Grains.Replace("42", "43", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAllCachedOrUnchanged(result, TrackingNames.Interfaces);
        AssertAllCachedOrUnchanged(result, TrackingNames.Classes);
        Assert.All(
            result.TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(run => run.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Changing_a_grain_method_regenerates_its_interface_but_not_the_metadata_provider()
    {
        var compilation = GeneratorHarness.CreateCompilation("Test.Grains", Grains);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var changed = Grains
            .Replace("Task<int> Get();", "Task<int> Get(int scale);", StringComparison.Ordinal)
            .Replace("Get() =>", "Get(int scale) =>", StringComparison.Ordinal);
        var edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Single(),
            CSharpSyntaxTree.ParseText(changed, GeneratorHarness.ParseOptions, path: "Source0.cs"));
        driver = driver.RunGenerators(edited);
        var result = driver.GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.Interfaces]).Outputs.Single().Reason);
        AssertAllCachedOrUnchanged(result, TrackingNames.InterfaceRegistrations);
        Assert.Contains("Get(int scale)", result.GeneratedSources.Single(s => s.HintName == "Sample_ICounterGrain.g.cs").SourceText.ToString(), StringComparison.Ordinal);
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result, string stepName)
    {
        var runs = result.TrackedSteps[stepName];
        Assert.NotEmpty(runs);
        Assert.All(
            runs.SelectMany(run => run.Outputs),
            output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"{stepName} output was {output.Reason}"));
    }
}
