using Weft.Hosting.Tests.Support;
using Weft.Testing.Xunit;

namespace Weft.Hosting.Tests;

/// <summary>silo/ as a real process, configured by environment variables only, stopped by SIGTERM.</summary>
public sealed class SiloProcessTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    // A process start on a busy two-core machine; generous, but bounded.
    private static readonly TimeSpan s_startDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_stopDeadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Silo_starts_on_postgresql_creates_the_schema_and_stops_cleanly_on_sigterm()
    {
        await using var silo = SiloProcess.Start(OnPostgreSql(database.ConnectionString));

        await silo.WaitForOutputAsync("Weft silo started", s_startDeadline);
        Assert.Equal(true, await database.Database.ScalarAsync("SELECT to_regclass('weft.grain_state') IS NOT NULL"));

        await silo.TerminateAsync();
        var exitCode = await silo.WaitForExitAsync(s_stopDeadline);

        Assert.True(exitCode == 0, $"The silo exited with {exitCode} after SIGTERM. Output:\n{silo.Output}");
        Assert.Contains("Application is shutting down...", silo.Output, StringComparison.Ordinal);
        Assert.Contains("activations for shutdown", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_with_unreachable_postgresql_exits_with_an_error_naming_the_connection_string_setting()
    {
        await using var silo = SiloProcess.Start(OnPostgreSql(Unreachable.PostgreSqlPort(database.ConnectionString)));

        var exitCode = await silo.WaitForExitAsync(s_startDeadline);

        Assert.True(exitCode != 0, $"The silo exited with 0 although PostgreSQL is unreachable. Output:\n{silo.Output}");
        Assert.Contains("Weft:Storage:Default:ConnectionString", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Weft silo started", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silo_without_storage_settings_exits_with_an_error_naming_the_missing_setting()
    {
        await using var silo = SiloProcess.Start(new Dictionary<string, string>());

        var exitCode = await silo.WaitForExitAsync(s_startDeadline);

        Assert.True(exitCode != 0, $"The silo exited with 0 without any storage configured. Output:\n{silo.Output}");
        Assert.Contains("Weft:Storage:Default:Provider", silo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Weft silo started", silo.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Data Source=data/weft.db")]
    public async Task Api_switched_to_postgresql_without_its_connection_string_exits_naming_the_setting(string? connectionString)
    {
        var settings = new Dictionary<string, string> { ["Weft__Database__Provider"] = "PostgreSql" };
        if (connectionString is not null)
        {
            settings["Weft__Database__ConnectionString"] = connectionString;
        }

        await using var api = SiloProcess.Start(settings, "Weft.Api.dll", "--urls", "http://127.0.0.1:0");

        var exitCode = await api.WaitForExitAsync(s_startDeadline);

        Assert.True(exitCode != 0, $"The API exited with 0 without a PostgreSQL connection string. Output:\n{api.Output}");
        Assert.Contains("Weft:Database:Provider is PostgreSql, but Weft:Database:ConnectionString is", api.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening on", api.Output, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> OnPostgreSql(string connectionString) => new()
    {
        ["Weft__Storage__Default__Provider"] = "PostgreSql",
        ["Weft__Storage__Default__ConnectionString"] = connectionString,
    };
}
