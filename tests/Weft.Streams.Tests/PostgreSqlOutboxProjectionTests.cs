using System.Text;
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
/// Inline projections on PostgreSQL: rows derived from a namespace's events commit in the group commit that appends
/// them, only for appends that went through, and a projection that fails stores nothing of its group.
/// </summary>
public sealed class PostgreSqlOutboxProjectionTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>, IAsyncLifetime
{
    private readonly string _schema = "projection_" + Guid.NewGuid().ToString("N")[..12];
    private PostgreSqlStreamQueue _queue = null!;
    private PostgreSqlGrainStorage _storage = null!;

    public async Task InitializeAsync()
    {
        await database.Database.ExecuteAsync($"CREATE SCHEMA {_schema}; CREATE TABLE {_schema}.projected (stream_key text NOT NULL, payload text NOT NULL)");
        _queue = new PostgreSqlStreamQueue(
            "Default",
            new PostgreSqlStreamQueueOptions { ConnectionString = database.ConnectionString, Schema = _schema },
            projections: [new PayloadProjection("posts", $"{_schema}.projected"), new PayloadProjection("broken", $"{_schema}.missing"), new UnreadyProjection()]);
        _storage = new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = database.ConnectionString, Schema = _schema });
        await _queue.InitializeAsync(CancellationToken.None);
        await _storage.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _queue.DisposeAsync();
        await _storage.DisposeAsync();
    }

    [Fact]
    public async Task Rows_are_written_with_the_appends_that_went_through_and_no_others()
    {
        var key = new GrainStateKey("author", "ada", "state");
        var stream = new StreamId("posts", "ada");
        var first = await _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("p1", "p2"), CancellationToken.None);
        await _storage.WriteAsync(key, Bytes("v2 elsewhere"), first.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v3"), first.Etag, _queue, stream, Events("stale"), CancellationToken.None));
        await _queue.AppendAsync(stream, Events("plain"), CancellationToken.None);
        await _queue.AppendAsync(new StreamId("other", "ada"), Events("elsewhere"), CancellationToken.None);

        Assert.Equal(["ada:p1", "ada:p2", "ada:plain"], await ProjectedAsync());
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
                await _storage.WriteAsync(key, Bytes("already"), null, CancellationToken.None);
            }

            try
            {
                await _storage.WriteWithEventsAsync(key, Bytes("new"), null, _queue, stream, Events($"w{i}"), CancellationToken.None);
                Assert.False(stale);
            }
            catch (InconsistentStateException)
            {
                Assert.True(stale);
            }
        });
        var appends = Enumerable.Range(0, 30).Select(i => _queue.AppendAsync(new StreamId("posts", $"p{i}"), Events($"x{i}"), CancellationToken.None));

        await Task.WhenAll([.. writes, .. appends]);

        var expected = Enumerable.Range(0, 30).Where(i => i % 2 == 1).Select(i => $"a{i}:w{i}")
            .Concat(Enumerable.Range(0, 30).Select(i => $"p{i}:x{i}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, await ProjectedAsync());
    }

    [Fact]
    public async Task A_failing_projection_stores_neither_the_state_nor_the_events()
    {
        var key = new GrainStateKey("author", "bob", "state");
        var stream = new StreamId("broken", "bob");

        await Assert.ThrowsAsync<GrainStorageException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("b1"), CancellationToken.None));
        await Assert.ThrowsAsync<StreamPublishException>(() => _queue.AppendAsync(stream, Events("b2"), CancellationToken.None));

        Assert.Null(await _storage.ReadAsync(key, CancellationToken.None));
        var partition = StreamPartitioner.GetPartition(stream, _queue.PartitionCount);
        Assert.DoesNotContain(await _queue.ReadAsync(partition, 0, 100, CancellationToken.None), e => e.StreamId == stream);
        // The failure took no sequence number.
        Assert.Equal(1, await _queue.AppendAsync(new StreamId("unprojected", "bob"), Events("fine"), CancellationToken.None));
    }

    [Fact]
    public async Task A_projection_that_cannot_make_its_rows_fails_the_append_with_the_providers_error()
    {
        var key = new GrainStateKey("author", "cy", "state");
        var stream = new StreamId("unready", "cy");

        var outbox = await Assert.ThrowsAsync<GrainStorageException>(() =>
            _storage.WriteWithEventsAsync(key, Bytes("v1"), null, _queue, stream, Events("u1"), CancellationToken.None));
        var append = await Assert.ThrowsAsync<StreamPublishException>(() => _queue.AppendAsync(stream, Events("u2"), CancellationToken.None));

        Assert.IsType<NpgsqlException>(outbox.InnerException);
        Assert.IsType<NpgsqlException>(append.InnerException);
        Assert.Null(await _storage.ReadAsync(key, CancellationToken.None));
        var partition = StreamPartitioner.GetPartition(stream, _queue.PartitionCount);
        Assert.DoesNotContain(await _queue.ReadAsync(partition, 0, 100, CancellationToken.None), e => e.StreamId == stream);
    }

    private async Task<List<string>> ProjectedAsync()
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

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static EncodedStreamEvent[] Events(params string[] texts) => [.. texts.Select(text => new EncodedStreamEvent("Test.Event", Bytes(text)))];

    /// <summary>Projects each event to (stream key, payload text) in <c>table</c>.</summary>
    private sealed class PayloadProjection(string streamNamespace, string table) : PostgreSqlOutboxProjection<(string Key, string Payload)>(streamNamespace)
    {
        protected override ValueTask<IReadOnlyList<(string Key, string Payload)>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<(string, string)>>([.. events.Select(e => (streamId.Key, Encoding.UTF8.GetString(e.Payload)))]);

        protected override NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, (string Key, string Payload) Row)> rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText =
                $"INSERT INTO {table} (stream_key, payload) SELECT k, p FROM unnest($1::text[], $2::text[], $3::int[]) AS r(k, p, slot) " +
                $"WHERE {AppendedCondition("r.slot")}";
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Key)] });
            command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Row.Payload)] });
            command.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Slot).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
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
