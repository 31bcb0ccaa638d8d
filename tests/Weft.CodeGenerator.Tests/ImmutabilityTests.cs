using Weft.CodeGenerator.Tests.Infrastructure;

namespace Weft.CodeGenerator.Tests;

/// <summary>Which argument and result types generated requests deep-copy.</summary>
public sealed class ImmutabilityTests
{
    private const string Types = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using System.Threading.Tasks;
        using Weft;

        namespace Sample;

        public enum Colour { Red, Green }
        public sealed record Name(string First, string Last);
        public record OpenName(string First);
        public record MutableName { public string First { get; set; } = ""; }
        public sealed record Tagged(string Id, List<string> Tags);
        public sealed record Node(string Value, Node? Next);
        public sealed class Point { public readonly int X; public readonly int Y; }
        public sealed class InitOnly { public string Id { get; init; } = ""; }
        public sealed class GetOnly(string id) { public string Id { get; } = id; }
        public sealed class Captures(List<int> items) { public int Count => items.Count; }
        public class Unsealed { public readonly int X; }
        public sealed class Settable { public int X { get; set; } }
        public readonly struct Pair { public readonly int A; public readonly string B; }
        public struct MutablePair { public int A; }
        public record struct PositionalStruct(int A);
        public readonly record struct ReadOnlyPositionalStruct(int A, Name B);
        [Immutable] public sealed class Declared { public List<int> Items = []; }
        public interface IOtherGrain : IGrainWithIntegerKey { Task Ping(); }
        public interface IPlain { }

        """;

    [Theory]
    [InlineData("int")]
    [InlineData("bool")]
    [InlineData("double")]
    [InlineData("decimal")]
    [InlineData("char")]
    [InlineData("nint")]
    [InlineData("string")]
    [InlineData("string?")]
    [InlineData("int?")]
    [InlineData("Int128")]
    [InlineData("Half")]
    [InlineData("Guid")]
    [InlineData("DateTime")]
    [InlineData("DateTimeOffset")]
    [InlineData("TimeSpan")]
    [InlineData("DateOnly")]
    [InlineData("TimeOnly")]
    [InlineData("Uri")]
    [InlineData("Version")]
    [InlineData("Colour")]
    [InlineData("GrainId")]
    [InlineData("IOtherGrain")]
    [InlineData("Name")]
    [InlineData("OpenName")]
    [InlineData("Node")]
    [InlineData("Point")]
    [InlineData("InitOnly")]
    [InlineData("GetOnly")]
    [InlineData("Pair")]
    [InlineData("ReadOnlyPositionalStruct")]
    [InlineData("Declared")]
    [InlineData("ImmutableArray<string>")]
    [InlineData("ImmutableDictionary<string, Name>")]
    [InlineData("ImmutableSortedSet<Guid>")]
    public void Immutable_argument_is_not_copied(string type)
    {
        var request = GenerateRequest(type);

        Assert.Contains("argumentsNeedCopy: false", request, StringComparison.Ordinal);
        Assert.DoesNotContain("copier.Copy", request, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("object")]
    [InlineData("int[]")]
    [InlineData("List<int>")]
    [InlineData("Dictionary<string, string>")]
    [InlineData("IPlain")]
    [InlineData("IReadOnlyList<string>")]
    [InlineData("MutableName")]
    [InlineData("Tagged")]
    [InlineData("Captures")]
    [InlineData("Unsealed")]
    [InlineData("Settable")]
    [InlineData("MutablePair")]
    [InlineData("PositionalStruct")]
    [InlineData("ImmutableList<List<int>>")]
    [InlineData("Action")]
    [InlineData("KeyValuePair<string, string>")]
    public void Mutable_argument_is_copied(string type)
    {
        var request = GenerateRequest(type);

        Assert.Contains("argumentsNeedCopy: true", request, StringComparison.Ordinal);
        Assert.Contains("Arg0 = copier.Copy(Arg0);", request, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_mutable_arguments_of_a_method_are_copied()
    {
        var request = GenerateRequest("string", "List<int>", "Name", "int[]");

        Assert.Equal(
            """
                public void CopyArguments(global::Weft.Invocation.IDeepCopier copier)
                {
                    Arg1 = copier.Copy(Arg1);
                    Arg3 = copier.Copy(Arg3);
                }
            """.ReplaceLineEndings("\n"),
            request[request.IndexOf("    public void CopyArguments", StringComparison.Ordinal)..request.LastIndexOf('}')].TrimEnd('\n'));
    }

    [Theory]
    [InlineData("Task<List<int>>", true)]
    [InlineData("ValueTask<int[]>", true)]
    [InlineData("Task<Name>", false)]
    [InlineData("ValueTask<string>", false)]
    [InlineData("Task", false)]
    [InlineData("ValueTask", false)]
    public void Result_is_copied_only_when_mutable(string returnType, bool copied)
    {
        var outcome = GeneratorHarness.Run(Types + $$"""
            public interface ISubjectGrain : IGrainWithStringKey
            {
                {{returnType}} Get();
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Contains($"resultNeedsCopy: {(copied ? "true" : "false")}", outcome.Generated("Sample_ISubjectGrain.g.cs"), StringComparison.Ordinal);
        Assert.Empty(outcome.OutputProblems);
    }

    private static string GenerateRequest(params string[] parameterTypes)
    {
        var parameters = string.Join(", ", parameterTypes.Select((t, i) => $"{t} p{i}"));
        var outcome = GeneratorHarness.Run(Types + $$"""
            public interface ISubjectGrain : IGrainWithStringKey
            {
                Task Send({{parameters}});
            }
            """);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.OutputProblems);
        var code = outcome.Generated("Sample_ISubjectGrain.g.cs");
        return code[..code.IndexOf("internal sealed class Proxy_", StringComparison.Ordinal)];
    }
}
