using Weft.Hosting.Tests.Support;

namespace Weft.Hosting.Tests;

/// <summary>The API with its co-hosted silo on a SQLite file in a temp directory.</summary>
public sealed class ApiHealthOnSqliteTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    [Fact]
    public async Task Health_check_counts_up_on_sqlite()
    {
        await using var api = WeftApiFactory.OnSqlite(_directory.File("weft.db"));
        using var client = api.CreateClient();

        Assert.Equal(1, await HealthResponse.GetChecksAsync(client));
        Assert.Equal(2, await HealthResponse.GetChecksAsync(client));
        Assert.True(File.Exists(_directory.File("weft.db")), "The SQLite file was not created where the connection string says.");
    }

    [Fact]
    public async Task Health_count_survives_a_restart_on_the_same_sqlite_file()
    {
        var file = _directory.File("weft.db");
        await using (var first = WeftApiFactory.OnSqlite(file))
        {
            using var client = first.CreateClient();
            Assert.Equal(1, await HealthResponse.GetChecksAsync(client));
            Assert.Equal(2, await HealthResponse.GetChecksAsync(client));
        }

        await using var second = WeftApiFactory.OnSqlite(file);
        using var restarted = second.CreateClient();
        Assert.Equal(3, await HealthResponse.GetChecksAsync(restarted));
    }

    [Fact]
    public async Task Storage_settings_applied_when_the_host_is_built_are_used_whole()
    {
        var file = _directory.File("late.db");
        await using var api = new WeftApiFactory(
            new Dictionary<string, string?>
            {
                ["Weft:Storage:Default:Provider"] = "Sqlite",
                ["Weft:Storage:Default:ConnectionString"] = $"Data Source={file}",
            },
            settingsAtBuild: true);
        using var client = api.CreateClient();

        Assert.Equal(1, await HealthResponse.GetChecksAsync(client));
        Assert.True(File.Exists(file), "The SQLite file was not created where the late connection string says.");
    }

    public void Dispose() => _directory.Dispose();
}
