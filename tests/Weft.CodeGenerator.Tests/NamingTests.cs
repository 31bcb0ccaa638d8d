using Weft.CodeGenerator.Tests.Infrastructure;

namespace Weft.CodeGenerator.Tests;

public sealed class NamingTests
{
    [Theory]
    [InlineData("CounterGrain", "", "counter")]
    [InlineData("PlayerStatsGrain", "", "playerstats")]
    [InlineData("Grain", "", "grain")]
    [InlineData("Inventory", "", "inventory")]
    [InlineData("CounterGrain", "[GrainType(\"Counter-v2\")]", "Counter-v2")]
    public void Grain_type_is_the_pinned_name_or_the_lower_case_class_name_without_Grain(string className, string attribute, string grainType)
    {
        var outcome = GeneratorHarness.Run($$"""
            using System.Threading.Tasks;
            using Weft;

            namespace Sample;

            public interface IPingGrain : IGrainWithStringKey
            {
                Task Ping();
            }

            {{attribute}}
            public sealed class {{className}} : Weft.Grain, IPingGrain
            {
                public Task Ping() => Task.CompletedTask;
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Contains($"builder.AddClass(\n            \"{grainType}\",", outcome.Generated("GrainMetadataProvider.g.cs"), StringComparison.Ordinal);
        Assert.Empty(outcome.OutputProblems);
    }

    [Fact]
    public void Overloads_get_distinct_request_names_numbered_per_method_name()
    {
        var outcome = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Weft;

            namespace Sample;

            public interface IMathGrain : IGrainWithStringKey
            {
                Task<int> Add(int a);
                Task<int> Negate(int a);
                Task<int> Add(int a, int b);
            }
            """);

        var code = outcome.Generated("Sample_IMathGrain.g.cs");
        Assert.Contains("internal struct Request_Sample_IMathGrain_Add_0 ", code, StringComparison.Ordinal);
        Assert.Contains("internal struct Request_Sample_IMathGrain_Negate_0 ", code, StringComparison.Ordinal);
        Assert.Contains("internal struct Request_Sample_IMathGrain_Add_1 ", code, StringComparison.Ordinal);
        Assert.Empty(outcome.OutputProblems);
    }

    [Fact]
    public void Interfaces_with_the_same_simple_name_get_names_from_their_full_names()
    {
        var outcome = GeneratorHarness.Run("""
            using System.Threading.Tasks;
            using Weft;

            namespace A.B
            {
                public interface IFeedGrain : IGrainWithStringKey { Task Ping(); }
            }

            namespace A_B
            {
                public interface IFeedGrain : IGrainWithStringKey { Task Ping(); }
            }

            namespace C
            {
                public class B
                {
                    public interface IFeedGrain : IGrainWithStringKey { Task Ping(); }
                }
            }

            public interface IFeedGrain : IGrainWithStringKey { Task Ping(); }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.OutputProblems);
        Assert.Equal(
            ["A_B_IFeedGrain.g.cs", "A__B_IFeedGrain.g.cs", "C_B_IFeedGrain.g.cs", "IFeedGrain.g.cs", "GrainMetadataProvider.g.cs"],
            outcome.GeneratedFileNames);
    }

    [Theory]
    [InlineData("Weft.Grains", "Weft.Generated.Weft_Grains")]
    [InlineData("my-app", "Weft.Generated.my_app")]
    [InlineData("2048", "Weft.Generated._2048")]
    public void Generated_namespace_is_the_sanitized_assembly_name(string assemblyName, string generatedNamespace)
    {
        var outcome = GeneratorHarness.RunAssembly(assemblyName, """
            using System.Threading.Tasks;
            using Weft;

            namespace Sample;

            public interface IPingGrain : IGrainWithStringKey { Task Ping(); }
            """);

        Assert.Contains($"namespace {generatedNamespace};", outcome.Generated("Sample_IPingGrain.g.cs"), StringComparison.Ordinal);
        Assert.Contains($"typeof(global::{generatedNamespace}.GrainMetadataProvider)", outcome.Generated("GrainMetadataProvider.g.cs"), StringComparison.Ordinal);
        Assert.Empty(outcome.OutputProblems);
    }

    [Fact]
    public void Compilation_without_grains_gets_no_generated_files()
    {
        var outcome = GeneratorHarness.Run("""
            namespace Sample;

            public interface IPlain { }
            public sealed class Plain : IPlain { }
            """);

        Assert.Empty(outcome.GeneratedFileNames);
        Assert.Empty(outcome.GeneratorDiagnostics);
    }
}
