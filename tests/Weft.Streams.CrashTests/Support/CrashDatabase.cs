using System.Text.Json;
using Npgsql;
using Weft.Streams.CrashHost;

namespace Weft.Streams.CrashTests.Support;

/// <summary>
/// Reads what the crash host left in its database, straight from the tables: subscriber states from
/// <c>weft.grain_state</c> (UTF-8 JSON in <c>bytea</c>), stream heads, queued events and dead letters.
/// </summary>
internal sealed class CrashDatabase(string connectionString)
{
    /// <summary>The grain type of CrashSubscriberGrain (its class name without "Grain", lower-cased).</summary>
    public const string SubscriberGrainType = "crashsubscriber";

    public const string Namespace = "crash";

    public static string StreamKey(int stream) => $"s{stream}";

    public static string SubscriberKey(int stream, int subscriber) => $"{StreamKey(stream)}-{subscriber}";

    /// <summary>How many (stream, sequence) entries all subscribers have persisted, duplicates included.</summary>
    public async Task<long> ReceivedCountAsync() => await ScalarAsync<long>(
        "SELECT coalesce(sum(jsonb_array_length(r.value)), 0)::bigint " +
        "FROM weft.grain_state g, jsonb_each(convert_from(g.data, 'UTF8')::jsonb -> 'Received') AS r " +
        $"WHERE g.grain_type = '{SubscriberGrainType}'");

    /// <summary>Every subscriber's persisted state, by grain key.</summary>
    public async Task<IReadOnlyDictionary<string, CrashSubscriberState>> SubscribersAsync()
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

    /// <summary>The last sequence published to each stream of the namespace (what the queue acknowledged or committed).</summary>
    public async Task<IReadOnlyDictionary<string, long>> StreamHeadsAsync()
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

    /// <summary>Events of the namespace still in the queue table (not yet checkpointed and compacted).</summary>
    public Task<long> QueuedEventsAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM weft.stream_events WHERE stream_namespace = '{Namespace}'");

    /// <summary>Dead letters of the namespace.</summary>
    public Task<long> DeadLettersAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM weft.stream_dead_letters WHERE stream_namespace = '{Namespace}'");

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}
