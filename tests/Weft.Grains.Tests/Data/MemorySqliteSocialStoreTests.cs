using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Grains.Data.Sqlite;

namespace Weft.Grains.Tests.Data;

/// <summary>The social store contract on a private in-memory SQLite database (the Memory provider's store), one per test.</summary>
public sealed class MemorySqliteSocialStoreTests : SocialStoreContractTests
{
    private string? _connectionString;

    protected override ISocialStore CreateStore() => new SqliteSocialStore(_connectionString = MemoryConnectionString());

    protected override Task FailNotificationWritesToAsync(long recipientId) =>
        SqliteTriggers.FailNotificationWritesToAsync(_connectionString!, recipientId);

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
                    Task.Run(() => stores[i % stores.Length].AddFollowWithoutNotificationAsync(1_000 + i, 7, 10_000 + i, FollowSettings.Default, CancellationToken.None))));

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

        await first.AddFollowWithoutNotificationAsync(1, 2, 100, FollowSettings.Default, CancellationToken.None);

        Assert.Equal(1, await first.CountFollowersAsync(2, CancellationToken.None));
        Assert.Equal(0, await second.CountFollowersAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task A_follows_table_from_before_the_follow_options_is_upgraded_with_its_rows_kept()
    {
        var connectionString = MemoryConnectionString();
        await using var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync();
        await using (var command = keepAlive.CreateCommand())
        {
            command.CommandText = """
                CREATE TABLE follows (follower_id INTEGER NOT NULL, followee_id INTEGER NOT NULL, id INTEGER NOT NULL,
                    PRIMARY KEY (follower_id, followee_id)) WITHOUT ROWID;
                INSERT INTO follows VALUES (1, 2, 100);
                """;
            await command.ExecuteNonQueryAsync();
        }

        await using var store = new SqliteSocialStore(connectionString);
        await store.EnsureSchemaAsync(CancellationToken.None);

        Assert.Equal([new FolloweeRow(2, FollowSettings.Default)], await store.ListFolloweesAsync(1, CancellationToken.None));
        Assert.True(await store.UpdateFollowAsync(1, 2, new FollowSettings(ShowReblogs: false, Notify: true), CancellationToken.None));
        Assert.Equal([1L], await store.ListNotifiedFollowerIdsAsync(2, 0, 10, CancellationToken.None));

        // Ensuring the schema again (another process starting) finds the columns and leaves them.
        await using var second = new SqliteSocialStore(connectionString);
        await second.EnsureSchemaAsync(CancellationToken.None);
        Assert.Equal([new FolloweeRow(2, new FollowSettings(false, true))], await second.ListFolloweesAsync(1, CancellationToken.None));
    }

    private static string MemoryConnectionString() => $"Data Source=weft-social-test-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
}
