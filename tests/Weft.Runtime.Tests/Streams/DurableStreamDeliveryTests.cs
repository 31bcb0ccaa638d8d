using Weft.Runtime.Streams;
using Weft.Runtime.Tests.Grains;
using Weft.Streams;
using Weft.Testing;

namespace Weft.Runtime.Tests.Streams;

/// <summary>Stream behaviour that needs a database: the outbox (state and event in one transaction).</summary>
public abstract class DurableStreamDeliveryTests : StreamDeliveryTests
{
    /// <summary>The namespace the subclasses' queues have an outbox projection for (one that makes no rows).</summary>
    protected const string ProjectedNamespace = "projected-notes";

    private static string NewKey() => Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Consumers_see_which_events_their_queue_projected()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        var streams = silo.Services.GetStreamProvider("Default");
        var projected = streams.GetStream<Note>(new StreamId(ProjectedNamespace, key));
        var plain = streams.GetStream<Note>(new StreamId("notes", key));
        await projected.SubscribeAsync(receiver.GetGrainId());
        await plain.SubscribeAsync(receiver.GetGrainId());

        await projected.OnNextAsync(new Note("p"));
        await plain.OnNextAsync(new Note("n"));

        await Eventually.WaitUntilAsync(async () => (await receiver.Accepted()).Length == 2, "both notes delivered", TimeSpan.FromSeconds(30));
        Assert.Equal([$"notes/{key}#1:n", $"{ProjectedNamespace}/{key}#1:p (projected)"], (await receiver.Accepted()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_saved_post_is_always_delivered_through_the_outbox()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        await silo.Services.GetStreamProvider("Default").GetStream<Note>(new StreamId("notes", key)).SubscribeAsync(receiver.GetGrainId());
        var author = silo.GrainFactory.GetGrain<IAuthorGrain>(key);

        var first = await author.Post("one");
        var second = await author.Post("two");

        Assert.Equal((1, 2), (first, second));
        await Eventually.WaitUntilAsync(async () => (await receiver.Accepted()).Length == 2, "both posts delivered", TimeSpan.FromSeconds(30));
        Assert.Equal([$"notes/{key}#1:one", $"notes/{key}#2:two"], await receiver.Accepted());
    }

    [Fact]
    public async Task A_post_whose_state_write_fails_is_never_published()
    {
        var key = NewKey();
        await using var first = await StartSiloAsync();
        await using var second = await StartSiloAsync();
        var receiver = first.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        await first.Services.GetStreamProvider("Default").GetStream<Note>(new StreamId("notes", key)).SubscribeAsync(receiver.GetGrainId());
        var inFirst = first.GrainFactory.GetGrain<IAuthorGrain>(key);
        var inSecond = second.GrainFactory.GetGrain<IAuthorGrain>(key);
        await inFirst.Post("one");
        await inSecond.Post("two");

        await Assert.ThrowsAsync<InconsistentStateException>(() => inFirst.Post("stale"));
        var third = await inSecond.Post("three");

        // Either silo's agent may hold the stream's partition, and the lease may move between them (with a redelivery,
        // as at-least-once allows); each silo has its own activation of the receiver (one silo at a time is all the
        // runtime does yet). So the deliveries are the distinct union of both activations'.
        var inSecondReceiver = second.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        async Task<string[]> DeliveredAsync() =>
            [.. (await receiver.Accepted()).Concat(await inSecondReceiver.Accepted()).Distinct().Order(StringComparer.Ordinal)];
        await Eventually.WaitUntilAsync(async () => (await DeliveredAsync()).Length == 3, "three posts delivered", TimeSpan.FromSeconds(30));

        Assert.Equal(3, third);
        Assert.Equal([$"notes/{key}#1:one", $"notes/{key}#2:two", $"notes/{key}#3:three"], await DeliveredAsync());
        Assert.Equal(["one", "two", "three"], await inSecond.Posts());
    }
}
