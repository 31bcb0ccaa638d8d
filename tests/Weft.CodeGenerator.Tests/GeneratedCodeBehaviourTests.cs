using System.Reflection;
using Weft.CodeGenerator.Tests.Infrastructure;
using Weft.Invocation;
using Weft.Metadata;

namespace Weft.CodeGenerator.Tests;

/// <summary>Compiles generated code, loads it, and calls through the generated proxies and factories.</summary>
public sealed class GeneratedCodeBehaviourTests
{
    private const string Shop = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Weft;

        namespace Shop
        {
            public sealed record Money(string Currency, decimal Amount);

            public interface IDescribedGrain : IGrainWithStringKey
            {
                Task<string> Describe();
            }

            public interface ICartGrain : IDescribedGrain
            {
                Task Add(string item, int count = 1);
                [FreshKey] Task Add(string item, int count, string? ToTask);
                ValueTask Clear();
                ValueTask<int> Count();
                Task<List<string>> Items();
                [AlwaysInterleave] Task<Money?> Total(Money? discount);
                [ReadOnly, AlwaysInterleave] Task<string> Echo(string @class, List<int> @event, int InvokeAsync);
                [ReadOnly] Task<int> @ref(int @in);
            }

            public sealed class Cart : ICartGrain
            {
                private readonly List<string> _items = [];

                public Task<string> Describe() => Task.FromResult("cart");
                public Task Add(string item, int count = 1) { for (var i = 0; i < count; i++) _items.Add(item); return Task.CompletedTask; }
                public Task Add(string item, int count, string? ToTask) => Add(item + ToTask, count);
                public ValueTask Clear() { _items.Clear(); return default; }
                public ValueTask<int> Count() => new(_items.Count);
                public Task<List<string>> Items() => Task.FromResult(_items);
                public Task<Money?> Total(Money? discount) => Task.FromResult<Money?>(new Money("EUR", _items.Count - (discount?.Amount ?? 0)));
                public Task<string> Echo(string @class, List<int> @event, int InvokeAsync) => Task.FromResult($"{@class}:{@event.Count}:{InvokeAsync}");
                public Task<int> @ref(int @in) => Task.FromResult(@in + 1);
            }

            public static class Outer
            {
                public interface ICartGrain : IGrainWithGuidKey
                {
                    Task Ping();
                }
            }
        }

        namespace Other
        {
            public interface ICartGrain : IGrainWithIntegerKey
            {
                Task Ping();
            }
        }
        """;

    [Fact]
    public void Valid_grain_interfaces_compile_without_diagnostics_or_warnings()
    {
        var outcome = GeneratorHarness.Run(Shop);

        Assert.Empty(outcome.GeneratorDiagnostics);
        Assert.Empty(outcome.OutputProblems);
        Assert.Equal(
            ["Shop_IDescribedGrain.g.cs", "Shop_ICartGrain.g.cs", "Shop_Outer_ICartGrain.g.cs", "Other_ICartGrain.g.cs", "GrainMetadataProvider.g.cs"],
            outcome.GeneratedFileNames);
    }

    [Fact]
    public async Task Proxy_calls_reach_the_target_with_the_right_descriptors_and_copies()
    {
        var assembly = GeneratorHarness.Run(Shop).Load();
        var cartType = assembly.GetType("Shop.ICartGrain")!;
        var target = Activator.CreateInstance(assembly.GetType("Shop.Cart")!)!;
        var invoker = new DirectInvoker(target);
        var proxy = CreateProxy(assembly, cartType, GrainKeyKind.String, invoker);

        await (Task)Call(proxy, cartType, "Add", "apple", 2);
        await (Task)Call(proxy, cartType, "Add", "pear", 1, "!");
        Assert.Equal(3, await (ValueTask<int>)Call(proxy, cartType, "Count"));
        Assert.Equal("cart", await (Task<string>)Call(proxy, assembly.GetType("Shop.IDescribedGrain")!, "Describe"));
        Assert.Equal("x:2:7", await (Task<string>)Call(proxy, cartType, "Echo", "x", new List<int> { 1, 2 }, 7));
        Assert.Equal(6, await (Task<int>)Call(proxy, cartType, "ref", 5));
        await (ValueTask)Call(proxy, cartType, "Clear");
        Assert.Equal(0, await (ValueTask<int>)Call(proxy, cartType, "Count"));

        Assert.Equal(
            ["ICartGrain.Add", "ICartGrain.Add", "ICartGrain.Count", "IDescribedGrain.Describe", "ICartGrain.Echo", "ICartGrain.ref", "ICartGrain.Clear", "ICartGrain.Count"],
            invoker.Calls.Select(c => c.ToString()));
        var echo = invoker.Calls[4];
        Assert.Equal(GrainMethodOptions.AlwaysInterleave | GrainMethodOptions.ReadOnly, echo.Options);
        Assert.True(echo.ArgumentsNeedCopy);
        Assert.False(echo.ResultNeedsCopy);
        Assert.Equal(GrainMethodOptions.ReadOnly, invoker.Calls[5].Options);
        Assert.Equal(GrainMethodOptions.None, invoker.Calls[0].Options);
        Assert.Equal(GrainMethodOptions.FreshKey, invoker.Calls[1].Options);

        // Only the List<int> was handed to the copier: strings and ints are immutable.
        var copied = Assert.Single(invoker.Copier.Copied);
        Assert.Equal([1, 2], Assert.IsType<List<int>>(copied));
    }

    [Fact]
    public void Metadata_provider_is_found_through_the_assembly_attribute_and_registers_every_interface()
    {
        var assembly = GeneratorHarness.Run(Shop).Load();

        var builder = Populate(assembly);

        Assert.Equal(
            [("Other.ICartGrain", GrainKeyKind.Integer), ("Shop.ICartGrain", GrainKeyKind.String), ("Shop.IDescribedGrain", GrainKeyKind.String), ("Shop.Outer+ICartGrain", GrainKeyKind.Guid)],
            builder.Interfaces.Select(i => (i.InterfaceType.FullName!, i.KeyKind)));
        Assert.Empty(builder.Classes);
    }

    [Fact]
    public void Grain_factory_constructs_the_class_with_its_states_and_services()
    {
        var assembly = GeneratorHarness.Run("""
            using System;
            using System.Threading.Tasks;
            using Weft;

            namespace Bank;

            public interface IAccountGrain : IGrainWithGuidKey
            {
                Task<decimal> Balance();
            }

            public sealed class AccountState
            {
                public decimal Balance { get; set; }
            }

            public sealed class Ledger
            {
            }

            [Reentrant]
            public sealed class AccountGrain(
                [PersistentState("account")] IPersistentState<AccountState> account,
                Ledger ledger,
                [PersistentState("history", "Archive")] IPersistentState<string[]> history) : Grain, IAccountGrain
            {
                public Ledger Ledger { get; } = ledger;
                public IPersistentState<AccountState> Account { get; } = account;
                public IPersistentState<string[]> History { get; } = history;
                public Task<decimal> Balance() => Task.FromResult(Account.State.Balance);
            }
            """).Load();
        var ledger = Activator.CreateInstance(assembly.GetType("Bank.Ledger")!)!;
        var context = new FakeGrainContext(new SingleServiceProvider(ledger));

        var grainClass = Assert.Single(Populate(assembly).Classes);
        object grain;
        using (context.Enter())
        {
            grain = grainClass.Create(context.Services, context);
        }

        Assert.Equal("account", grainClass.GrainType);
        Assert.True(grainClass.IsReentrant);
        Assert.Equal([assembly.GetType("Bank.IAccountGrain")!], grainClass.Interfaces);
        Assert.Equal(
            [new PersistentStateDeclaration("account", "Default", assembly.GetType("Bank.AccountState")!), new PersistentStateDeclaration("history", "Archive", typeof(string[]))],
            grainClass.States);
        Assert.Equal([("account", "Default", assembly.GetType("Bank.AccountState")!), ("history", "Archive", typeof(string[]))], context.RequestedStates);
        Assert.Same(ledger, grain.GetType().GetProperty("Ledger")!.GetValue(grain));
    }

    private static GrainMetadataBuilder Populate(Assembly assembly)
    {
        var attribute = Assert.Single(assembly.GetCustomAttributes<GrainMetadataProviderAttribute>());
        var provider = (IGrainMetadataProvider)Activator.CreateInstance(attribute.ProviderType)!;
        var builder = new GrainMetadataBuilder();
        provider.Populate(builder);
        return builder;
    }

    private static GrainReference CreateProxy(Assembly assembly, Type interfaceType, GrainKeyKind keyKind, GrainCallInvoker invoker)
    {
        var metadata = Populate(assembly).Interfaces.Single(i => i.InterfaceType == interfaceType);
        Assert.Equal(keyKind, metadata.KeyKind);
        var proxy = metadata.CreateProxy(new GrainId("cart", "1"), invoker);
        Assert.IsAssignableFrom(interfaceType, proxy);
        return proxy;
    }

    private static object Call(object proxy, Type interfaceType, string method, params object[] arguments)
        => interfaceType.GetMethods().Single(m => m.Name == method && m.GetParameters().Length == arguments.Length).Invoke(proxy, arguments)!;
}
