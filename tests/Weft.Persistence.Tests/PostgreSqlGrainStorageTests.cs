using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Weft.Persistence.PostgreSql;
using Weft.Runtime.Persistence;
using Weft.Testing;
using Weft.Testing.Xunit;
using Xunit;

namespace Weft.Persistence.Tests;

/// <summary>The contract on real PostgreSQL (a database of its own for this class), plus PostgreSQL's failure modes.</summary>
public sealed class PostgreSqlGrainStorageTests(PostgreSqlDatabaseFixture database)
    : DurableGrainStorageContractTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    // Failing fast matters more than the exact time; this only has to be far below "hangs".
    private static readonly TimeSpan s_failureDeadline = TimeSpan.FromSeconds(30);

    protected override IGrainStorage CreateStorage(string table) => CreateStorage(database.ConnectionString, table);

    private static PostgreSqlGrainStorage CreateStorage(string connectionString, string table = DefaultTable) =>
        new(ProviderName, new PostgreSqlGrainStorageOptions { ConnectionString = connectionString, Table = table });

    [Fact]
    public async Task The_table_has_a_real_primary_key_on_type_key_and_state()
    {
        var primaryKey = await database.Database.ScalarAsync("""
            SELECT string_agg(a.attname || ':' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY k.ord)
              FROM pg_index i
              CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
              JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
             WHERE i.indrelid = 'weft.grain_state'::regclass AND i.indisprimary
            """);

        Assert.Equal("grain_type:text,grain_key:bytea,state_name:text", primaryKey);
    }

    [Fact]
    public async Task The_key_is_stored_as_its_exact_UTF8_bytes_and_the_data_is_queryable_as_jsonb()
    {
        await Storage.WriteAsync(Key("nul\u0000key"), Bytes("{\"name\":\"Ada\",\"visits\":3}"), null, CancellationToken.None);

        var visits = await database.Database.ScalarAsync(
            $"SELECT (convert_from(data, 'UTF8')::jsonb ->> 'visits')::int FROM weft.grain_state " +
            $"WHERE grain_type = '{Key().GrainType}' AND grain_key = '\\x6e756c006b6579'::bytea");

        Assert.Equal(3, visits);
    }

    [Fact]
    public async Task A_wrong_password_fails_fast_naming_the_setting()
    {
        var wrong = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = "not-the-password" }.ConnectionString;
        await using var storage = CreateStorage(wrong);

        var error = await FailsWithinDeadline(storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("authentication", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.InvalidPassword, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task An_unreachable_port_fails_fast_naming_the_setting_and_the_endpoint()
    {
        var port = FreePort();
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = port }.ConnectionString;
        await using var storage = CreateStorage(unreachable);

        var init = await FailsWithinDeadline(storage.InitializeAsync(CancellationToken.None));
        var write = await FailsWithinDeadline(storage.WriteAsync(Key(), Bytes("v"), null, CancellationToken.None));

        Assert.Contains($"could not connect to PostgreSQL at 127.0.0.1:{port}", init.Message, StringComparison.Ordinal);
        Assert.Contains("Weft:Storage:Default:ConnectionString", init.Message, StringComparison.Ordinal);
        Assert.Contains("Weft:Storage:Default:ConnectionString", write.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_database_fails_fast_naming_the_setting()
    {
        var missing = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "weft_missing_" + Guid.NewGuid().ToString("N") }.ConnectionString;
        await using var storage = CreateStorage(missing);

        var error = await FailsWithinDeadline(storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresErrorCodes.InvalidCatalogName, Assert.IsType<PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task A_table_dropped_after_start_up_fails_fast_naming_the_setting()
    {
        var table = "dropped_" + Guid.NewGuid().ToString("N")[..12];
        var storage = await NewStorageAsync(table);
        var etag = await storage.WriteAsync(Key(), Bytes("v1"), null, CancellationToken.None);
        await database.Database.ExecuteAsync($"DROP TABLE weft.{table}");

        var write = await FailsWithinDeadline(storage.WriteAsync(Key(), Bytes("v2"), etag, CancellationToken.None));
        var read = await FailsWithinDeadline(storage.ReadAsync(Key(), CancellationToken.None));
        var clear = await FailsWithinDeadline(storage.ClearAsync(Key(), etag, CancellationToken.None));

        foreach (var error in new[] { write, read, clear })
        {
            Assert.Contains("Weft:Storage:Default:Table", error.Message, StringComparison.Ordinal);
            Assert.Equal(PostgresErrorCodes.UndefinedTable, Assert.IsType<PostgresException>(error.InnerException).SqlState);
        }

        // Initializing again (a silo restart) brings the table back.
        await storage.InitializeAsync(CancellationToken.None);
        Assert.Null(await storage.ReadAsync(Key(), CancellationToken.None));
    }

    [Fact]
    public async Task A_table_of_another_shape_is_refused_naming_the_setting()
    {
        var table = "foreign_" + Guid.NewGuid().ToString("N")[..12];
        await database.Database.ExecuteAsync($"CREATE SCHEMA IF NOT EXISTS weft; CREATE TABLE weft.{table} (id int, payload text)");
        await using var storage = CreateStorage(database.ConnectionString, table);

        var error = await FailsWithinDeadline(storage.InitializeAsync(CancellationToken.None));

        Assert.Contains("Weft:Storage:Default:Table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schema_and_table_come_from_the_options()
    {
        var schema = "custom_" + Guid.NewGuid().ToString("N")[..8];
        await using var storage = new PostgreSqlGrainStorage(ProviderName, new PostgreSqlGrainStorageOptions
        {
            ConnectionString = database.ConnectionString,
            Schema = schema,
            Table = "My State",
        });
        await storage.InitializeAsync(CancellationToken.None);
        await storage.WriteAsync(Key(), Bytes("v"), null, CancellationToken.None);

        Assert.Equal(1L, await database.Database.ScalarAsync($"SELECT count(*) FROM \"{schema}\".\"My State\""));
    }

    [Fact]
    public async Task The_PostgreSql_kind_reads_its_settings_from_configuration()
    {
        var schema = "configured_" + Guid.NewGuid().ToString("N")[..8];
        await using var services = ServicesFor(new()
        {
            ["Weft:Storage:Default:Provider"] = "PostgreSql",
            ["Weft:Storage:Default:ConnectionString"] = database.ConnectionString,
            ["Weft:Storage:Default:Schema"] = schema,
            ["Weft:Storage:Default:Table"] = "configured_state",
        });

        var storage = services.GetRequiredKeyedService<IGrainStorage>("Default");
        await storage.InitializeAsync(CancellationToken.None);
        await storage.WriteAsync(Key(), Bytes("v"), null, CancellationToken.None);

        Assert.IsType<PostgreSqlGrainStorage>(storage);
        Assert.Equal(1L, await database.Database.ScalarAsync($"SELECT count(*) FROM {schema}.configured_state"));
    }

    [Fact]
    public async Task The_PostgreSql_kind_without_a_connection_string_names_the_setting()
    {
        await using var services = ServicesFor(new() { ["Weft:Storage:Orders:Provider"] = "PostgreSql" });

        var error = Assert.Throws<GrainStorageException>(() => services.GetRequiredKeyedService<IGrainStorage>("Orders"));

        Assert.Contains("Weft:Storage:Orders:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider ServicesFor(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddPostgreSqlStorageKind()
            .AddGrainStorageFromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();

    private static async Task<GrainStorageException> FailsWithinDeadline(Task operation)
    {
        var failure = await Record.ExceptionAsync(() => Eventually.CompletesWithinAsync(operation, s_failureDeadline, "The failing storage call"));
        Assert.IsNotType<TimeoutException>(failure);
        return Assert.IsType<GrainStorageException>(failure);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
