using System.Text.Json;
using Npgsql;
using Weft.Streams.CrashHost;
using Weft.Testing.PostgreSql;

namespace Weft.Streams.CrashTests.Support;

/// <summary>
/// A fresh PostgreSQL database (from tests/Weft.Testing: <c>WEFT_TEST_POSTGRES</c>, or a throwaway server), dropped on
/// dispose. Subscriber states are read from <c>weft.grain_state</c> (UTF-8 JSON in <c>bytea</c>).
/// </summary>
internal sealed class PostgreSqlCrashStore : CrashStore
{
    private readonly PostgreSqlDatabase _database;

    private PostgreSqlCrashStore(PostgreSqlDatabase database)
    {
        _database = database;
        HostEnvironment = new Dictionary<string, string>
        {
            ["Weft__CrashHost__Store"] = "PostgreSql",
            ["ConnectionStrings__Weft"] = database.ConnectionString,
        };
    }

    public override IReadOnlyDictionary<string, string> HostEnvironment { get; }

    public static async Task<PostgreSqlCrashStore> CreateAsync() => new(await PostgreSqlDatabase.CreateAsync("crash"));

    public override async Task<long> ReceivedCountAsync() => await ScalarAsync<long>(
        "SELECT coalesce(sum(jsonb_array_length(r.value)), 0)::bigint " +
        "FROM weft.grain_state g, jsonb_each(convert_from(g.data, 'UTF8')::jsonb -> 'Received') AS r " +
        $"WHERE g.grain_type = '{SubscriberGrainType}'");

    public override async Task<IReadOnlyDictionary<string, CrashSubscriberState>> SubscribersAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT convert_from(grain_key, 'UTF8'), data FROM weft.grain_state WHERE grain_type = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SubscriberGrainType });
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, CrashSubscriberState>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            states.Add(reader.GetString(0), JsonSerializer.Deserialize<CrashSubscriberState>(reader.GetFieldValue<byte[]>(1))!);
        }

        return states;
    }

    public override async Task<IReadOnlyDictionary<string, long>> StreamHeadsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT convert_from(stream_key, 'UTF8'), last_sequence FROM weft.stream_heads WHERE stream_namespace = '{Namespace}'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            heads.Add(reader.GetString(0), reader.GetInt64(1));
        }

        return heads;
    }

    public override Task<long> QueuedEventsAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM weft.stream_events WHERE stream_namespace = '{Namespace}'");

    public override Task<long> DeadLettersAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM weft.stream_dead_letters WHERE stream_namespace = '{Namespace}'");

    public override ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
