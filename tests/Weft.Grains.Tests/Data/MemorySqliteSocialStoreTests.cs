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

    private static string MemoryConnectionString() => $"Data Source=weft-social-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
}
