using System.Text;
using Weft.Persistence;
using Weft.Runtime.Streams;
using Xunit;

namespace Weft.Streams.Tests;

/// <summary>
/// The contract of inline outbox projections, on each queue kind (see the subclasses): rows derived from a namespace's
/// events are written with the appends that went through and no others, and a projection that fails stores nothing of
/// its append. Each subclass gives a queue and a grain storage on one database whose projections are: <c>posts</c>
/// into a table <see cref="ProjectedAsync"/> reads, <c>broken</c> into a table that does not exist, and <c>unready</c>,
/// whose rows cannot be made (it throws the driver's exception, <see cref="DriverException"/>).
/// </summary>
public abstract class OutboxProjectionContractTests
{
    protected abstract IOutboxGrainStorage Storage { get; }

    protected abstract IStreamQueue Queue { get; }

    /// <summary>The database driver's exception type, which the provider's errors wrap.</summary>
    protected abstract Type DriverException { get; }

    /// <summary>The rows of the <c>posts</c> projection as "stream key:payload", in ordinal order.</summary>
    protected abstract Task<List<string>> ProjectedAsync();

    /// <summary>
    /// Stops the queue, takes the events' projected column out of its tables (as tables made before the column was
    /// added), and starts a queue with the same projections on them, which <see cref="Queue"/> then returns.
    /// </summary>
    protected abstract Task ReopenOnTablesWithoutProjectedColumnAsync();

    [Fact]
    public async Task Events_read_back_say_whether_their_namespace_was_projected()
    {
        var key = new GrainStateKey("author", "dee", "state");
        var posts = new StreamId("posts", "dee");
        var other = new StreamId("other", "dee");
        await Storage.WriteWithEventsAsync(key, Bytes("v1"), null, Queue, posts, Events("d1"), CancellationToken.None);
        await Queue.AppendAsync(posts, Events("d2"), CancellationToken.None);
        await Queue.AppendAsync(other, Events("d3"), CancellationToken.None);

        Assert.Equal(new[] { ("d1", true), ("d2", true), ("d3", false) }, await ReadBackAsync(posts, other));
    }

    [Fact]
    public async Task Events_stored_before_the_queue_recorded_projections_read_as_not_projected()
    {
        var posts = new StreamId("posts", "eve");
        await Queue.AppendAsync(posts, Events("e1"), CancellationToken.None);

        await ReopenOnTablesWithoutProjectedColumnAsync();
        await Queue.AppendAsync(posts, Events("e2"), CancellationToken.None);

        Assert.Equal(new[] { ("e1", false), ("e2", true) }, await ReadBackAsync(posts));
    }

    [Fact]
    public async Task Rows_are_written_with_the_appends_that_went_through_and_no_others()
    {
        var key = new GrainStateKey("author", "ada", "state");
        var stream = new StreamId("posts", "ada");
        var first = await Storage.WriteWithEventsAsync(key, Bytes("v1"), null, Queue, stream, Events("p1", "p2"), CancellationToken.None);
        await Storage.WriteAsync(key, Bytes("v2 elsewhere"), first.Etag, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            Storage.WriteWithEventsAsync(key, Bytes("v3"), first.Etag, Queue, stream, Events("stale"), CancellationToken.None));
        await Queue.AppendAsync(stream, Events("plain"), CancellationToken.None);
        await Queue.AppendAsync(new StreamId("other", "ada"), Events("elsewhere"), CancellationToken.None);

        Assert.Equal(["ada:p1", "ada:p2", "ada:plain"], await ProjectedAsync());
    }

    [Fact]
    public async Task A_failing_projection_stores_neither_the_state_nor_the_events()
    {
        var key = new GrainStateKey("author", "bob", "state");
        var stream = new StreamId("broken", "bob");

        await Assert.ThrowsAsync<GrainStorageException>(() =>
            Storage.WriteWithEventsAsync(key, Bytes("v1"), null, Queue, stream, Events("b1"), CancellationToken.None));
        await Assert.ThrowsAsync<StreamPublishException>(() => Queue.AppendAsync(stream, Events("b2"), CancellationToken.None));

        await AssertNothingStoredAsync(key, stream);
        // The failure took no sequence number.
        Assert.Equal(1, await Queue.AppendAsync(new StreamId("unprojected", "bob"), Events("fine"), CancellationToken.None));
    }

    [Fact]
    public async Task A_projection_that_cannot_make_its_rows_fails_the_append_with_the_providers_error()
    {
        var key = new GrainStateKey("author", "cy", "state");
        var stream = new StreamId("unready", "cy");

        var outbox = await Assert.ThrowsAsync<GrainStorageException>(() =>
            Storage.WriteWithEventsAsync(key, Bytes("v1"), null, Queue, stream, Events("u1"), CancellationToken.None));
        var append = await Assert.ThrowsAsync<StreamPublishException>(() => Queue.AppendAsync(stream, Events("u2"), CancellationToken.None));

        Assert.IsType(DriverException, outbox.InnerException);
        Assert.IsType(DriverException, append.InnerException);
        await AssertNothingStoredAsync(key, stream);
    }

    protected static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    protected static EncodedStreamEvent[] Events(params string[] texts) => [.. texts.Select(text => new EncodedStreamEvent("Test.Event", Bytes(text)))];

    /// <summary>One "stream key:payload" row per event, for the <c>posts</c> projections.</summary>
    protected static IReadOnlyList<(string Key, string Payload)> PayloadRows(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events) =>
        [.. events.Select(e => (streamId.Key, Encoding.UTF8.GetString(e.Payload)))];

    // Each event of the streams as (payload, projected), by payload.
    private async Task<List<(string Payload, bool Projected)>> ReadBackAsync(params StreamId[] streams)
    {
        var events = new List<QueuedStreamEvent>();
        for (var partition = 0; partition < Queue.PartitionCount; partition++)
        {
            events.AddRange(await Queue.ReadAsync(partition, 0, 1000, CancellationToken.None));
        }

        return [.. events
            .Where(e => streams.Contains(e.StreamId))
            .Select(e => (Encoding.UTF8.GetString(e.Payload), e.Projected))
            .OrderBy(e => e.Item1, StringComparer.Ordinal)];
    }

    private async Task AssertNothingStoredAsync(GrainStateKey key, StreamId stream)
    {
        Assert.Null(await Storage.ReadAsync(key, CancellationToken.None));
        var partition = StreamPartitioner.GetPartition(stream, Queue.PartitionCount);
        Assert.DoesNotContain(await Queue.ReadAsync(partition, 0, 100, CancellationToken.None), e => e.StreamId == stream);
    }
}
