using Weft.Hosting.Tests.Support;
using Weft.Testing;
using Weft.Testing.Xunit;
using Xunit.Abstractions;

namespace Weft.Hosting.Tests;

/// <summary>
/// A misconfigured API does not start, and says which setting to fix, within a bounded time. It never falls back to
/// keeping state in memory.
/// </summary>
public sealed class ApiStartupFailureTests(PostgreSqlDatabaseFixture database, ITestOutputHelper output)
    : IClassFixture<PostgreSqlDatabaseFixture>
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_up_without_a_default_storage_names_the_missing_setting()
    {
        var message = await StartUpFailureAsync(new WeftApiFactory(new Dictionary<string, string?>(), withoutAppSettings: true));

        Assert.Contains("Weft:Storage:Default", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_with_all_settings_removed_when_the_host_is_built_names_the_missing_setting()
    {
        var message = await StartUpFailureAsync(new WeftApiFactory(new Dictionary<string, string?>(), settingsAtBuild: true));

        Assert.Contains("Weft:Storage:Default", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_with_an_unknown_storage_kind_names_the_kind_setting()
    {
        var message = await StartUpFailureAsync(new WeftApiFactory(new Dictionary<string, string?>
        {
            ["Weft:Storage:Default:Provider"] = "Oracle",
            ["Weft:Storage:Default:ConnectionString"] = "Data Source=orcl",
        }));

        Assert.Contains("Weft:Storage:Default:Provider", message, StringComparison.Ordinal);
        Assert.Contains("'Oracle'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_with_unreachable_postgresql_names_the_connection_string_setting()
    {
        var message = await StartUpFailureAsync(WeftApiFactory.OnPostgreSql(Unreachable.PostgreSqlPort(database.ConnectionString)));

        Assert.Contains("Weft:Storage:Default:ConnectionString", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_with_a_wrong_postgresql_password_names_the_connection_string_setting()
    {
        var message = await StartUpFailureAsync(WeftApiFactory.OnPostgreSql(Unreachable.WrongPassword(database.ConnectionString)));

        Assert.Contains("Weft:Storage:Default:ConnectionString", message, StringComparison.Ordinal);
        Assert.Contains("authentication failed", message, StringComparison.Ordinal);
    }

    /// <summary>Starts the API, expecting it to fail within the deadline; returns every message of the failure.</summary>
    private async Task<string> StartUpFailureAsync(WeftApiFactory factory)
    {
        await using (factory)
        {
            var start = Task.Run(() =>
            {
                using var client = factory.CreateClient();
            });
            var failure = await Record.ExceptionAsync(() => Eventually.CompletesWithinAsync(start, s_deadline, "Starting the misconfigured API"));
            Assert.True(start.IsCompleted, $"Starting the misconfigured API was still running after {s_deadline.TotalSeconds:0} s.");
            Assert.True(failure is not null, "The misconfigured API started.");
            var messages = Exceptions.AllMessages(failure);
            output.WriteLine(messages);
            return messages;
        }
    }
}
