using System.Globalization;
using Microsoft.Data.Sqlite;
using Weft.Grains.Data;
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
            Task.Run(() => Store.AddMarkAsync(StatusMarkKind.Bookmark, Id(1000 + i), Id(10), Id(5000 + i), CancellationToken.None)),
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
