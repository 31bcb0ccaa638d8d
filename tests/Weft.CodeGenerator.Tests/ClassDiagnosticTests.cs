using Weft.CodeGenerator.Tests.Infrastructure;

namespace Weft.CodeGenerator.Tests;

public sealed class ClassDiagnosticTests
{
    private const string Contract = """
        using System;
        using System.Threading.Tasks;
        using Weft;

        namespace Sample;

        public interface ICounterGrain : IGrainWithStringKey
        {
            Task<int> Get();
        }

        public sealed class CounterState
        {
            public int Value { get; set; }
        }

        """;

    [Fact]
    public void Grain_class_with_two_public_constructors_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain : Grain, ICounterGrain
            {
                public CounterGrain() { }
                public CounterGrain(IServiceProvider services) { }
                public Task<int> Get() => Task.FromResult(0);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT008");
        Assert.Contains("Grain class 'CounterGrain' has 2 public constructors", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("CounterGrain", diagnostic.LocatedText(outcome.Output));
        Assert.DoesNotContain("AddClass", outcome.AllGeneratedCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Grain_class_without_a_public_constructor_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain : Grain, ICounterGrain
            {
                private CounterGrain() { }
                public Task<int> Get() => Task.FromResult(0);
            }
            """);

        Assert.Contains("'CounterGrain' has 0 public constructors", outcome.SingleDiagnostic("WEFT008").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_grain_class_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain<T> : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(0);
            }
            """);

        Assert.Contains("Grain class 'CounterGrain' is generic", outcome.SingleDiagnostic("WEFT009").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void PersistentState_on_a_parameter_that_is_not_IPersistentState_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain([PersistentState("counter")] CounterState state) : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(state.Value);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT010");
        Assert.Equal(
            "Parameter 'state' of grain class 'CounterGrain' has [PersistentState] but type 'Sample.CounterState'. Declare it as IPersistentState<T>, where T is the state type.",
            diagnostic.GetMessage());
        Assert.Equal("state", diagnostic.LocatedText(outcome.Output));
    }

    [Fact]
    public void Two_states_with_the_same_name_are_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain(
                [PersistentState("counter")] IPersistentState<CounterState> first,
                [PersistentState("counter", "Other")] IPersistentState<CounterState> second) : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(first.State.Value + second.State.Value);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT011");
        Assert.Contains("'CounterGrain' declares persistent state 'counter' more than once", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("second", diagnostic.LocatedText(outcome.Output));
    }

    [Fact]
    public void Two_grain_classes_with_the_same_grain_type_are_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public sealed class CounterGrain : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(0);
            }

            [GrainType("counter")]
            public sealed class OtherCounter : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(1);
            }
            """);

        var diagnostic = outcome.SingleDiagnostic("WEFT012");
        Assert.Contains("Grain classes 'CounterGrain' and 'OtherCounter' both have grain type 'counter'", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal("OtherCounter", diagnostic.LocatedText(outcome.Output));
        Assert.DoesNotContain("AddClass", outcome.AllGeneratedCode, StringComparison.Ordinal);
    }

    [Fact]
    public void Private_nested_grain_class_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public class Outer
            {
                private sealed class CounterGrain : Grain, ICounterGrain
                {
                    public Task<int> Get() => Task.FromResult(0);
                }
            }
            """);

        Assert.Contains("Grain class 'CounterGrain' is not accessible", outcome.SingleDiagnostic("WEFT013").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_grain_type_name_is_a_compile_error()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            [GrainType("")]
            public sealed class CounterGrain : Grain, ICounterGrain
            {
                public Task<int> Get() => Task.FromResult(0);
            }
            """);

        Assert.Contains("'CounterGrain' has an empty [GrainType] name", outcome.SingleDiagnostic("WEFT015").GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void Abstract_grain_classes_and_classes_without_grain_interfaces_are_not_registered()
    {
        var outcome = GeneratorHarness.Run(Contract + """
            public abstract class CounterBase : Grain, ICounterGrain
            {
                public CounterBase(int a) { }
                public CounterBase(string b) { }
                public abstract Task<int> Get();
            }

            public sealed class Helper : Grain
            {
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.DoesNotContain("AddClass", outcome.AllGeneratedCode, StringComparison.Ordinal);
    }
}
