using Npgsql;
using Weft.Persistence;
using Weft.Persistence.PostgreSql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Runtime.Tests.Grains;
using Weft.Streams;
using Weft.Testing;
using Weft.Testing.Xunit;

namespace Weft.Runtime.Tests.Streams;

public sealed class PostgreSqlStreamDeliveryTests(PostgreSqlDatabaseFixture database)
    : DurableStreamDeliveryTests, IClassFixture<PostgreSqlDatabaseFixture>
{
    protected override IStreamQueue CreateQueue()
        => new PostgreSqlStreamQueue(
            "Default", new PostgreSqlStreamQueueOptions { ConnectionString = database.ConnectionString }, projections: [new NoRowsProjection()]);

    protected override IGrainStorage CreateStorage()
        => new PostgreSqlGrainStorage("Default", new PostgreSqlGrainStorageOptions { ConnectionString = database.ConnectionString });

    [Fact]
    public async Task Delivery_resumes_by_itself_after_the_database_drops_every_connection()
    {
        await using var silo = await StartSiloAsync();
        var key = Guid.NewGuid().ToString("N");
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        var stream = silo.Services.GetStreamProvider("Default").GetStream<Note>(new StreamId("notes", key));
        await stream.SubscribeAsync(receiver.GetGrainId());
        await stream.OnNextAsync(new Note("before"));
        await Eventually.WaitUntilAsync(async () => (await receiver.Accepted()).Length == 1, "the first event", TimeSpan.FromSeconds(30));

        // What a database restart does to clients: every connection of this database is cut.
        await database.Database.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
        long sequence = 0;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                try
                {
                    sequence = await stream.OnNextAsync(new Note("after"));
                    return true;
                }
                catch (StreamPublishException)
                {
                    return false;
                }
            },
            "publishing again",
            TimeSpan.FromSeconds(30));

        await Eventually.WaitUntilAsync(async () => (await receiver.Accepted()).Length == 2, "the event after the outage", TimeSpan.FromSeconds(30));
        Assert.Equal([$"notes/{key}#1:before", $"notes/{key}#{sequence}:after"], await receiver.Accepted());
        Assert.Equal(2, sequence);
    }

    /// <summary>A projection of <see cref="DurableStreamDeliveryTests.ProjectedNamespace"/> whose events make no rows.</summary>
    private sealed class NoRowsProjection() : PostgreSqlOutboxProjection<string>(ProjectedNamespace)
    {
        protected override ValueTask<IReadOnlyList<string>> ProjectAsync(
            StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>([]);

        protected override NpgsqlBatchCommand CreateCommand(NpgsqlBatch batch, IReadOnlyList<(int? Slot, string Row)> rows) =>
            throw new InvalidOperationException("No rows were made.");
    }
}
