using Npgsql;
using NpgsqlTypes;
using Weft.Persistence;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Testing.Xunit;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>
/// The outbox projection contract on PostgreSQL, where a projection's rows are one statement of the group commit, kept
/// only for the group's appends that went through.
/// </summary>
public sealed class PostgreSqlOutboxProjectionTests(PostgreSqlDatabaseFixture database)
    : OutboxProjectionContractTests, IClassFixture<PostgreSqlDatabaseFixture>, IAsyncLifetime
{
    private readonly string _schema = "projection_" + Guid.NewGuid().ToString("N")[..12];
    private PostgreSqlStreamQueue _queue = null!;
    private PostgreSqlGrainStorage _storage = null!;

    protected override IOutboxGrainStorage Storage => _storage;

    protected override IStreamQueue Queue => _queue;

    protected override Type DriverException => typeof(NpgsqlException);

    public async Task InitializeAsync()
    {
        await database.Database.ExecuteAsync($"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.projected (stream_key text NOT NULL, payload text NOT NULL)");
        _queue = CreateQueue();
        _storage = new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = database.ConnectionString, Schema = _schema });
        await _queue.InitializeAsync(CancellationToken.None);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    protected override async Task ReopenOnTablesWithoutProjectedColumnAsync()
    {
        await _queue.DisposeAsync();
        await database.Database.ExecuteAsync($"ALTER TABLE {_schema}.stream_events DROP COLUMN projected");
        _queue = CreateQueue();
        await _queue.InitializeAsync(CancellationToken.None);
    }

    private PostgreSqlStreamQueue CreateQueue() => new(
        "Default",
        new PostgreSqlStreamQueueOptions { ConnectionString = database.ConnectionString, Schema = _schema },
        projections: [new PayloadProjection("posts", $"{_schema}.projected"), new PayloadProjection("broken", $"{_schema}.missing"), new UnreadyProjection()]);

    public async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_appends_project_each_stored_event_once()
    {
        // Outbox writes (half of them stale) and plain appends meet in shared group commits.
        var writes = Enumerable.Range(0, 30).Select(async i =>
        {
            var key = new GrainStateKey("author", $"a{i}", "state");
            var stream = new StreamId("posts", $"a{i}");
            var stale = i % 2 == 0;
            if (stale)
            {
                await Storage.WriteAsync(key, Bytes("already"), null, CancellationToken.None);
            }

            try
            {
                await Storage.WriteWithEventsAsync(key, Bytes("new"), null, Queue, stream, Events($"w{i}"), CancellationToken.None);
                Assert.False(stale);
            }
            catch (InconsistentStateException)
            {
                Assert.True(stale);
            }
        });
        var appends = Enumerable.Range(0, 30).Select(i => Queue.AppendAsync(new StreamId("posts", $"p{i}"), Events($"x{i}"), CancellationToken.None));

        await Task.WhenAll([.. writes, .. appends]);

        var expected = Enumerable.Range(0, 30).Where(i => i % 2 == 1).Select(i => $"a{i}:w{i}")
            .Concat(Enumerable.Range(0, 30).Select(i => $"p{i}:x{i}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, await ProjectedAsync());
    }

    protected override async Task<List<string>> ProjectedAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT stream_key || ':' || payload FROM {_schema}.projected", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return [.. rows.Order(StringComparer.Ordinal)];
    }

    /// <summary>Projects each event to (stream key, payload text) in <c>table</c>.</summary>
    private sealed class PayloadProjection(string streamNamespace, string table) : PostgreSqlOutboxProjection<(string Key, string Payload)>(streamNamespace)
    {
        protected override ValueTask<IReadOnlyList<(string Key, string Payload)>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult(PayloadRows(streamId, events));

        protected override NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, (string Key, string Payload) Row)> rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText =
                $"INSERT INTO {table} (stream_key, payload) SELECT k, p FROM unnest($1::text[], $2::text[], $3::int[]) AS r(k, p, slot) " +
                $"WHERE {AppendedCondition("r.slot")}";
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Key)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Payload)] });
            command.Parameters.Add(new NpgsqlParameter<int?[]> { TypedValue = [.. rows.Select(r => r.Slot)], NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            return command;
        }
    }

    /// <summary>A projection whose rows cannot be made (its tables cannot be created, say).</summary>
    private sealed class UnreadyProjection() : PostgreSqlOutboxProjection<string>("unready")
    {
        protected override ValueTask<IReadOnlyList<string>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            throw new NpgsqlException("the projection's tables cannot be created");

        protected override NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, string Row)> rows) =>
            throw new InvalidOperationException("never reached");
    }
}
