using Weft.Hosting.Tests.Support;
using Weft.Testing.Xunit;

namespace Weft.Hosting.Tests;

/// <summary>The API with its co-hosted silo on PostgreSQL, in a database of this class's own.</summary>
public sealed class ApiHealthOnPostgreSqlTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [Fact]
    public async Task Health_check_counts_up_on_postgresql_and_stores_its_row()
    {
        await using var api = WeftApiFactory.OnPostgreSql(database.ConnectionString);
        using var client = api.CreateClient();

        Assert.Equal(1, await HealthResponse.GetChecksAsync(client));
        Assert.Equal(2, await HealthResponse.GetChecksAsync(client));

        // The grain is keyed by the host's name; its state is one row, written twice (version 2).
        Assert.Equal(1L, await database.Database.ScalarAsync(
            "SELECT count(*) FROM weft.grain_state WHERE grain_type = 'health' AND state_name = 'health'"));
        Assert.Equal(Environment.MachineName, await database.Database.ScalarAsync(
            "SELECT convert_from(grain_key, 'UTF8') FROM weft.grain_state WHERE grain_type = 'health' AND state_name = 'health'"));
        Assert.Equal(2L, await database.Database.ScalarAsync(
            "SELECT version FROM weft.grain_state WHERE grain_type = 'health' AND state_name = 'health'"));
    }
}
