using Weft.Hosting.Tests.Support;
using Weft.Testing.Xunit;

namespace Weft.Hosting.Tests;

/// <summary>
/// Two API processes (each co-hosting a silo) on one PostgreSQL database: several silos are not supported yet, so the
/// second says so at start-up; the first, alone until then, does not. When the first stops, a new one starts quietly.
/// </summary>
public sealed class SecondSiloOnOneDatabaseTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    private const string Warning = "Another Weft silo already uses PostgreSQL database";

    [Fact]
    public async Task A_second_silo_on_the_same_database_is_warned_about_and_the_first_is_not()
    {
        var first = await StartAsync();
        try
        {
            await using var second = await StartAsync();

            Assert.Contains(Warning, second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(Warning, first.Output, StringComparison.Ordinal);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var next = await StartAsync();
        Assert.DoesNotContain(Warning, next.Output, StringComparison.Ordinal);
    }

    private async Task<SiloProcess> StartAsync()
    {
        var api = SiloProcess.Start(
            new Dictionary<string, string>
            {
                ["Weft__Database__Provider"] = "PostgreSql",
                ["Weft__Database__ConnectionString"] = database.ConnectionString,
            },
            "Weft.Api.dll",
            "--urls",
            "http://127.0.0.1:0");
        await api.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));
        return api;
    }
}
