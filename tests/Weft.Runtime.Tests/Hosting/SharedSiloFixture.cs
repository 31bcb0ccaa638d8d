namespace Weft.Runtime.Tests.Hosting;

/// <summary>One silo shared by the tests that need default options (like Orleans' shared test cluster).</summary>
public sealed class SharedSiloFixture : IAsyncLifetime
{
    public TestSilo Silo { get; private set; } = null!;

    public IGrainFactory GrainFactory => Silo.GrainFactory;

    public async Task InitializeAsync() => Silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(10));

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedSiloCollection : ICollectionFixture<SharedSiloFixture>
{
    public const string Name = "shared silo";
}
