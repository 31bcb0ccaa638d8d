using Weft.Grains.Data;
using Weft.Grains.Data.Sqlite;

namespace Weft.Grains.Tests.Data;

/// <summary>The social store contract on a private in-memory SQLite database (the Memory provider's store), one per test.</summary>
public sealed class MemorySqliteSocialStoreTests : SocialStoreContractTests
{
    protected override ISocialStore CreateStore() => new SqliteSocialStore(MemoryConnectionString());

    protected override Task<(Func<ISocialStore> Create, Func<Task> Drop)> CreateFreshDatabaseAsync()
    {
        var connectionString = MemoryConnectionString();
        return Task.FromResult<(Func<ISocialStore>, Func<Task>)>((() => new SqliteSocialStore(connectionString), () => Task.CompletedTask));
    }

    [Fact]
    public async Task Stores_naming_one_memory_database_share_it_and_create_and_write_at_once_without_locking_errors()
    {
        // A shared-cache database answers a second connection with SQLITE_LOCKED rather than waiting (and a statement
        // prepared while another connection changes the schema fails outright), so the stores must queue on one
        // connection. Many fresh databases, because one race is rarely lost.
        for (var round = 0; round < 25; round++)
        {
            var connectionString = MemoryConnectionString();
            var stores = Enumerable.Range(0, 4).Select(_ => new SqliteSocialStore(connectionString)).ToArray();
            try
            {
                await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
                    Task.Run(() => stores[i % stores.Length].AddFollowAsync(1_000 + i, 7, 10_000 + i, CancellationToken.None))));

                foreach (var store in stores)
                {
                    Assert.Equal(40, await store.CountFollowersAsync(7, CancellationToken.None));
                }

                // The database lives while any store holds it: the last one still reads what all wrote.
                for (var i = 0; i < stores.Length - 1; i++)
                {
                    await stores[i].DisposeAsync();
                }

                Assert.Equal(40, await stores[^1].CountFollowersAsync(7, CancellationToken.None));
            }
            finally
            {
                foreach (var store in stores)
                {
                    await store.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task Private_memory_databases_are_not_shared_between_stores()
    {
        await using var first = new SqliteSocialStore("Data Source=:memory:");
        await using var second = new SqliteSocialStore("Data Source=:memory:");

        await first.AddFollowAsync(1, 2, 100, CancellationToken.None);

        Assert.Equal(1, await first.CountFollowersAsync(2, CancellationToken.None));
        Assert.Equal(0, await second.CountFollowersAsync(2, CancellationToken.None));
    }

    private static string MemoryConnectionString() => $"Data Source=weft-social-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
}
