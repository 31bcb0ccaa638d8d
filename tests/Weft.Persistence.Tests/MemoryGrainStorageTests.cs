using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Runtime.Persistence;
using Xunit;

namespace Weft.Persistence.Tests;

public sealed class MemoryGrainStorageTests : GrainStorageContractTests
{
    // One store per test: a provider instance is the store. Every CreateStorage of a test shares it, so concurrent
    // initialization and reads through "other" instances see the same records.
    private readonly MemoryGrainStorage _store = new();

    protected override IGrainStorage CreateStorage(string table) => _store;

    [Fact]
    public async Task The_Memory_kind_is_chosen_by_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Weft:Storage:Default:Provider"] = "memory" })
            .Build();
        await using var services = new ServiceCollection()
            .AddMemoryStorageKind()
            .AddGrainStorageFromConfiguration(configuration)
            .BuildServiceProvider();

        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");

        Assert.IsType<MemoryGrainStorage>(storage);
        Assert.Same(storage, services.GetRequiredKeyedService<IGrainStorage>("Default"));
    }
}
