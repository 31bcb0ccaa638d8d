using Weft.CodeGenerator.Tests.Infrastructure;

namespace Weft.CodeGenerator.Tests;

public sealed class InterfaceDiagnosticTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Weft;

        namespace Sample;

        """;

    [Theory]
    [InlineData("ReadOnly")]
    [InlineData("AlwaysInterleave")]
    public void A_fresh_key_method_that_interleaves_is_a_compile_error(string interleaving)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public interface IPostGrain : IGrainWithIntegerKey
            {
                [FreshKey, {{interleaving}}] Task Create(string text);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT016");
        Assert.Equal(
            $"Grain method 'IPostGrain.Create' is [FreshKey] and [{interleaving}]. A [FreshKey] call may activate the grain without reading its state, so it must run alone and write first (a stored state then surfaces as a conflict): remove [{interleaving}] or [FreshKey].",
            diagnostic.GetMessage());
        Assert.Equal("Create", diagnostic.LocatedText(outcome.Output));
    }

    [Fact]
    public void Method_returning_int_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface ICounterGrain : IGrainWithStringKey
            {
                int Get();
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT001");
        Assert.Equal(
            "Grain method 'ICounterGrain.Get' returns 'int'. Grain methods must return Task, Task<T>, ValueTask or ValueTask<T> so calls can be routed asynchronously.",
            diagnostic.GetMessage());
        Assert.Equal("Get", diagnostic.LocatedText(outcome.Output));
        Assert.Equal("Weft", diagnostic.Descriptor.Category);
    }

    [Theory]
    [InlineData("void", "void")]
    [InlineData("IAsyncEnumerable<int>", "System.Collections.Generic.IAsyncEnumerable<int>")]
    [InlineData("Task<int>[]", "System.Threading.Tasks.Task<int>[]")]
    [InlineData("ValueTask<int>?", "System.Threading.Tasks.ValueTask<int>?")]
    public void Method_returning_anything_but_a_task_is_a_compile_error(string returnType, string shown)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public interface ICounterGrain : IGrainWithStringKey
            {
                {{returnType}} Get();
            }
            """);

        var message = outcome.SingleDiagnostic("WEFT001").GetMessage();
        Assert.Contains($"'ICounterGrain.Get' returns '{shown}'", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    [InlineData("ref readonly")]
    public void By_reference_parameter_is_a_compile_error(string modifier)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public interface ICounterGrain : IGrainWithStringKey
            {
                Task Add({{modifier}} int amount);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT002");
        Assert.Contains($"Parameter 'amount' of grain method 'ICounterGrain.Add' is declared '{modifier}'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("amount", diagnostic.LocatedText(outcome.Output));
    }

    [Theory]
    [InlineData("Span<byte> data", "System.Span<byte>")]
    [InlineData("ReadOnlySpan<char> data", "System.ReadOnlySpan<char>")]
    [InlineData("int* data", "int*")]
    public void Pointer_or_ref_struct_parameter_is_a_compile_error(string parameter, string shown)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public unsafe interface IBlobGrain : IGrainWithStringKey
            {
                Task Write({{parameter}});
            }
            """);

        var message = outcome.SingleDiagnostic("WEFT003").GetMessage();
        Assert.Contains($"Parameter 'data' of grain method 'IBlobGrain.Write' has type '{shown}'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_method_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IBoxGrain : IGrainWithStringKey
            {
                Task Put<T>(T value);
            }
            """);

        Assert.Contains("'IBoxGrain.Put' is generic", outcome.SingleDiagnostic("WEFT004").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_grain_interface_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IBoxGrain<T> : IGrainWithStringKey
            {
                Task<T> Get();
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT005");
        Assert.Contains("Grain interface 'IBoxGrain' is generic", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("IBoxGrain", diagnostic.LocatedText(outcome.Output));
    }

    [Theory]
    [InlineData("int Count { get; }", "property 'Count'", "Count")]
    [InlineData("event EventHandler Changed;", "event 'Changed'", "Changed")]
    [InlineData("int this[int index] { get; }", "an indexer 'this[]'", "this")]
    public void Property_event_or_indexer_is_a_compile_error(string member, string described, string locatedText)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public interface ICounterGrain : IGrainWithStringKey
            {
                {{member}}
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT006");
        Assert.Contains($"Grain interface 'ICounterGrain' declares {described}", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(locatedText, diagnostic.LocatedText(outcome.Output));
    }

    [Fact]
    public void CancellationToken_parameter_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface ICounterGrain : IGrainWithStringKey
            {
                Task Add(int amount, CancellationToken cancellationToken);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT007");
        Assert.Equal(
            "Parameter 'cancellationToken' of grain method 'ICounterGrain.Add' is a CancellationToken. Cancellation of grain calls is not supported yet: remove the parameter and use a timeout-free method.",
            diagnostic.GetMessage());
        Assert.Equal("cancellationToken", diagnostic.LocatedText(outcome.Output));
    }

    [Theory]
    [InlineData("private")]
    [InlineData("protected")]
    [InlineData("private protected")]
    public void Grain_interface_hidden_in_a_class_is_a_compile_error(string accessibility)
    {
        var outcome = GeneratorHarness.Run(Usings + $$"""
            public class Outer
            {
                {{accessibility}} interface IHiddenGrain : IGrainWithStringKey
                {
                    Task Ping();
                }
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT013");
        Assert.Contains("Grain interface 'IHiddenGrain' is not accessible", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.GeneratedFileNames);
    }

    [Fact]
    public void Grain_interface_with_two_key_kinds_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IConfusedGrain : IGrainWithStringKey, IGrainWithGuidKey
            {
                Task Ping();
            }
            """);

        Assert.Contains("'IConfusedGrain' derives from more than one", outcome.SingleDiagnostic("WEFT014").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_interface_gets_no_generated_code_while_valid_ones_do()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IBrokenGrain : IGrainWithStringKey
            {
                Task Fine();
                int Broken();
            }

            public interface IHealthyGrain : IGrainWithStringKey
            {
                Task Ping();
            }
            """);

        outcome.SingleDiagnostic("WEFT001");
        Assert.Equal(["Sample_IHealthyGrain.g.cs", "GrainMetadataProvider.g.cs"], outcome.GeneratedFileNames);
        Assert.DoesNotContain("IBrokenGrain", outcome.AllGeneratedCode, StringComparison.Ordinal);
        Assert.Empty(outcome.OutputProblems);
    }

    [Fact]
    public void Interface_inheriting_a_broken_grain_interface_is_not_generated_and_the_error_is_reported_once()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IBaseGrain : IGrainWithStringKey
            {
                int Broken();
            }

            public interface IDerivedGrain : IBaseGrain
            {
                Task Ping();
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT001");
        Assert.Contains("'IBaseGrain.Broken'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(outcome.GeneratedFileNames);
    }

    [Fact]
    public void Inherited_non_grain_interface_method_is_checked_and_reported_on_the_grain_interface()
    {
        var outcome = GeneratorHarness.Run(Usings + """
            public interface IDisposableGrain : IGrainWithStringKey, IDisposable
            {
                Task Ping();
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT001");
        Assert.Contains("'IDisposable.Dispose' returns 'void'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("IDisposableGrain", diagnostic.LocatedText(outcome.Output));
    }
}
