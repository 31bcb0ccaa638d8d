using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Weft.Streams.CrashHost;

namespace Weft.Streams.CrashTests.Support;

/// <summary>
/// One SQLite file, <c>weft.db</c>, in a temporary directory of its own that dispose removes; the host keeps grain
/// state (<c>grain_state</c>, UTF-8 JSON in a BLOB) and the stream queue in it. The test reads it on read-only,
/// unpooled connections, so it never writes the file, never checkpoints its WAL (recovering the WAL after a kill is left
/// to the restarted host) and holds no handle once a read is done.
/// </summary>
internal sealed class SqliteCrashStore : CrashStore
{
    private readonly DirectoryInfo _directory;
    private readonly string _readConnectionString;

    public SqliteCrashStore()
    {
        _directory = Directory.CreateTempSubdirectory("weft-crash-sqlite-");
        var path = Path.Combine(_directory.FullName, "weft.db");
        HostEnvironment = new Dictionary<string, string>
        {
            ["Weft__CrashHost__Store"] = "Sqlite",
            ["ConnectionStrings__Weft"] = new SqliteConnectionStringBuilder { DataSource = path }.ToString(),
        };
        _readConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
    }

    public override IReadOnlyDictionary<string, string> HostEnvironment { get; }

    public override Task<long> ReceivedCountAsync() => ScalarAsync<long>(
        "SELECT coalesce(sum(json_array_length(r.value)), 0) " +
        "FROM grain_state g, json_each(CAST(g.data AS TEXT), '$.Received') AS r " +
        $"WHERE g.grain_type = '{SubscriberGrainType}' AND g.data IS NOT NULL");

    public override async Task<IReadOnlyDictionary<string, CrashSubscriberState>> SubscribersAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT grain_key, data FROM grain_state WHERE grain_type = $type";
        command.Parameters.AddWithValue("$type", SubscriberGrainType);
        await using var reader = await command.ExecuteReaderAsync();
        var states = new Dictionary<string, CrashSubscriberState>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            states.Add(
                Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)),
                JsonSerializer.Deserialize<CrashSubscriberState>(reader.GetFieldValue<byte[]>(1))!);
        }

        return states;
    }

    public override async Task<IReadOnlyDictionary<string, long>> StreamHeadsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT stream_key, last_sequence FROM stream_heads WHERE stream_namespace = '{Namespace}'";
        await using var reader = await command.ExecuteReaderAsync();
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            heads.Add(Encoding.UTF8.GetString(reader.GetFieldValue<byte[]>(0)), reader.GetInt64(1));
        }

        return heads;
    }

    public override Task<long> QueuedEventsAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM stream_events WHERE stream_namespace = '{Namespace}'");

    public override Task<long> DeadLettersAsync()
        => ScalarAsync<long>($"SELECT count(*) FROM stream_dead_letters WHERE stream_namespace = '{Namespace}'");

    /// <summary>
    /// The file is still in WAL mode and <c>PRAGMA integrity_check</c> finds nothing wrong, reading the WAL the killed
    /// host left behind (with <c>synchronous=NORMAL</c> a process kill loses no committed transaction; only a power
    /// failure could).
    /// </summary>
    public override async Task AssertIntactAfterKillAsync()
    {
        Assert.True(File.Exists(Path.Combine(_directory.FullName, "weft.db-wal")), "The killed host left no WAL file.");
        Assert.Equal("wal", await ScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal("ok", await ScalarAsync<string>("PRAGMA integrity_check"));
    }

    public override ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
