using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Weft.Persistence.Sqlite;
using Weft.Runtime.Persistence;
using Xunit;

namespace Weft.Persistence.Tests;

public sealed class SqliteGrainStorageTests : DurableGrainStorageContractTests
{
    // A temporary directory per test, holding the database file in a sub-directory the provider must create.
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-sqlite-" + Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(_directory, "data", "weft.db");

    protected override IGrainStorage CreateStorage(string table) =>
        new SqliteGrainStorage(ProviderName, new SqliteGrainStorageOptions { ConnectionString = $"Data Source={DatabasePath}", Table = table });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_file_and_its_directory_are_created_in_WAL_mode()
    {
        Assert.True(File.Exists(DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task The_table_has_a_primary_key_on_type_key_and_state()
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(name || ':' || type, ',') FROM (SELECT name, type FROM pragma_table_info('grain_state') WHERE pk > 0 ORDER BY pk)";
        Assert.Equal("grain_type:TEXT,grain_key:BLOB,state_name:TEXT", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task An_unwritable_path_fails_naming_the_setting()
    {
        var blocker = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(blocker, "not a directory");
        await using var storage = new SqliteGrainStorage(ProviderName, new SqliteGrainStorageOptions
        {
            ConnectionString = $"Data Source={Path.Combine(blocker, "sub", "weft.db")}",
        });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupt_file_fails_naming_the_setting()
    {
        var corrupt = Path.Combine(_directory, "corrupt.db");
        await File.WriteAllBytesAsync(corrupt, Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());
        await using var storage = new SqliteGrainStorage(ProviderName, new SqliteGrainStorageOptions { ConnectionString = $"Data Source={corrupt}" });

        var error = await Assert.ThrowsAsync<GrainStorageException>(() => storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains(corrupt, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_dropped_after_start_up_fails_naming_the_setting()
    {
        await Storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE grain_state";
            await command.ExecuteNonQueryAsync();
        }

        var write = await Assert.ThrowsAsync<GrainStorageException>(() => Storage.WriteAsync(Key("other"), Bytes("v"), null, CancellationToken.None));
        var read = await Assert.ThrowsAsync<GrainStorageException>(() => Storage.ReadAsync(Key(), CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:Table", write.Message, StringComparison.Ordinal);
        Assert.Contains("Weft:Storage:Default:Table", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_in_memory_connection_string_is_refused_naming_the_setting()
    {
        var error = Assert.Throws<GrainStorageException>(
            () => new SqliteGrainStorage(ProviderName, new SqliteGrainStorageOptions { ConnectionString = "Data Source=:memory:" }));

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Sqlite_kind_reads_its_settings_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Weft:Storage:Default:Provider"] = "Sqlite",
                ["Weft:Storage:Default:ConnectionString"] = $"Data Source={Path.Combine(_directory, "configured", "weft.db")}",
                ["Weft:Storage:Default:Table"] = "configured_state",
            })
            .Build();
        await using var services = new ServiceCollection()
            .AddSqliteStorageKind()
            .AddGrainStorageFromConfiguration(configuration)
            .BuildServiceProvider();

        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.InitializeAsync(CancellationToken.None);
        var etag = await storage.WriteAsync(Key(), Bytes("configured"), null, CancellationToken.None);

        Assert.IsType<SqliteGrainStorage>(storage);
        Assert.Equal(etag, (await storage.ReadAsync(Key(), CancellationToken.None))!.Etag);
        Assert.True(File.Exists(Path.Combine(_directory, "configured", "weft.db")));
    }
}
