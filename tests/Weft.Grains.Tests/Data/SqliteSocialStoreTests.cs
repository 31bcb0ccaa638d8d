using System.Globalization;
using Microsoft.Data.Sqlite;
using Weft.GrainInterfaces.Paging;
using Weft.GrainInterfaces.Statuses;
using Weft.Grains.Data;
using Weft.Grains.Tests.Support;
using Weft.Grains.Data.Sqlite;
using Weft.Persistence.Sqlite;
using Weft.Persistence;

namespace Weft.Grains.Tests.Data;

/// <summary>The social store contract in a SQLite file (one per class), plus sharing the file with the grain storage.</summary>
public sealed class SqliteSocialStoreTests(SqliteTempDirectoryFixture files)
    : SocialStoreContractTests, IClassFixture<SqliteTempDirectoryFixture>
{
    protected override ISocialStore CreateStore() => new SqliteSocialStore($"Data Source={files.DatabasePath}");

    protected override Task<(Func<ISocialStore> Create, Func<Task> Drop)> CreateFreshDatabaseAsync()
    {
        var path = Path.Combine(files.Directory, "fresh-" + Guid.NewGuid().ToString("N"), "weft.db");
        return Task.FromResult<(Func<ISocialStore>, Func<Task>)>((() => new SqliteSocialStore($"Data Source={path}"), () => Task.CompletedTask));
    }

    protected override Task FailNotificationWritesToAsync(long recipientId) =>
        SqliteTriggers.FailNotificationWritesToAsync($"Data Source={files.DatabasePath};Pooling=false", recipientId);

    [Fact]
    public async Task A_file_from_before_the_public_timeline_left_out_replies_gets_the_new_index_and_loses_the_old()
    {
        var path = Path.Combine(files.Directory, "upgrade-" + Guid.NewGuid().ToString("N"), "weft.db");
        await using (var first = new SqliteSocialStore($"Data Source={path}"))
        {
            await first.EnsureSchemaAsync(CancellationToken.None);
        }

        // As that build left it: the old index, no name words.
        await ExecuteAsync(path, """
            DROP INDEX statuses_public_timeline_idx;
            CREATE INDEX statuses_public_idx ON statuses (id) WHERE visibility = 0 AND reblog_of_id IS NULL;
            DROP TABLE account_name_words;
            """);
        await using var store = new SqliteSocialStore($"Data Source={path}");
        await store.UpsertStatusesAsync(
        [
            new StatusRow(10, 1, StatusVisibility.Public, null, null, null, null, [], []),
            new StatusRow(11, 2, StatusVisibility.Public, 10, 1, null, null, [], []),
        ], CancellationToken.None);
        await store.AddAccountAsync(1, "upgraded", "Upgraded Name", CancellationToken.None);

        Assert.Equal("statuses_public_timeline_idx", await ExecuteAsync(
            path, "SELECT group_concat(name) FROM sqlite_master WHERE type = 'index' AND name LIKE 'statuses_public%'"));
        Assert.Equal([10L], await store.ListPublicStatusesAsync(PageRequest.Newest(20), CancellationToken.None));
        Assert.Equal([1L], await store.SearchAccountsAsync(AccountSearch.For(null, "upgr"), null, 0, 5, CancellationToken.None));
    }

    private static async Task<object?> ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task The_file_and_its_directory_are_created_in_WAL_mode()
    {
        await Store.EnsureSchemaAsync(CancellationToken.None);

        Assert.True(File.Exists(files.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={files.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Grain_state_and_social_writes_on_one_file_all_succeed_under_load()
    {
        await using var storage = new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={files.DatabasePath}" });
        await storage.InitializeAsync(CancellationToken.None);
        var key = Guid.NewGuid().ToString("N");

        var writes = Enumerable.Range(1, 200).SelectMany(i => new Task[]
        {
            Task.Run(() => storage.WriteAsync(
                new GrainStateKey("social-test", key + i.ToString(CultureInfo.InvariantCulture), "state"), new byte[] { (byte)i }, null, CancellationToken.None)),
            Task.Run(() => Store.AddMarkWithoutNotificationAsync(StatusMarkKind.Bookmark, Id(1000 + i), Id(10), Id(5000 + i), CancellationToken.None)),
        });
        // Every write must succeed (no SQLITE_BUSY); the marks are all new.
        await Task.WhenAll(writes);

        Assert.Equal(200, (await Store.LoadStatusMarksAsync(Id(10), CancellationToken.None)).Bookmarks.Count);
        for (var i = 1; i <= 200; i++)
        {
            var state = await storage.ReadAsync(
                new GrainStateKey("social-test", key + i.ToString(CultureInfo.InvariantCulture), "state"), CancellationToken.None);
            Assert.Equal(new[] { (byte)i }, state?.Data);
        }
    }
}
