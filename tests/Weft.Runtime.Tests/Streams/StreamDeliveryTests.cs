using Weft.Persistence;
using Weft.Runtime.Streams;
using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Streams;
using Weft.Testing;

namespace Weft.Runtime.Tests.Streams;

/// <summary>Streams end to end on a silo: publish, durable queue, pulling agents, delivery to grains.</summary>
public abstract class StreamDeliveryTests
{
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(30);

    /// <summary>A queue on a store that outlives silos (a second call returns a queue on the same store).</summary>
    protected abstract IStreamQueue CreateQueue();

    /// <summary>Grain storage on a store that outlives silos.</summary>
    protected abstract IGrainStorage CreateStorage();

    protected Task<TestSilo> StartSiloAsync(IStreamQueue? queue = null, TimeSpan? deliveryTimeout = null) => TestSilo.StartAsync(
        storage: CreateStorage(),
        services: s => s
            .AddWeftStreams()
            .AddStreamProvider("Default", _ => queue ?? CreateQueue(), o =>
            {
                o.RetryBackoff = TimeSpan.FromMilliseconds(10);
                o.MaxDeliveryAttempts = 3;
                o.PollInterval = TimeSpan.FromMilliseconds(500);
                o.DeliveryTimeout = deliveryTimeout ?? TimeSpan.FromSeconds(20);
            }));

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static IAsyncStream<T> Stream<T>(TestSilo silo, string streamNamespace, string key)
        => silo.Services.GetStreamProvider("Default").GetStream<T>(new StreamId(streamNamespace, key));

    private static async Task<string[]> WaitForAcceptedAsync(IReceiverGrain receiver, int count)
    {
        string[] accepted = [];
        await Eventually.WaitUntilAsync(async () => (accepted = await receiver.Accepted()).Length >= count, $"{count} events accepted", s_deadline);
        return accepted;
    }

    [Fact]
    public async Task Events_reach_an_explicit_subscriber_in_order()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        var stream = Stream<Note>(silo, "notes", key);
        await stream.SubscribeAsync(receiver.GetGrainId());

        for (var i = 1; i <= 30; i++)
        {
            await stream.OnNextAsync(new Note("n" + i));
        }

        await stream.OnNextBatchAsync([.. Enumerable.Range(31, 70).Select(i => new Note("n" + i))]);

        var accepted = await WaitForAcceptedAsync(receiver, 100);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => $"notes/{key}#{i}:n{i}"), accepted);
    }

    [Fact]
    public async Task Implicit_subscribers_receive_the_stream_of_their_own_key_only()
    {
        await using var silo = await StartSiloAsync();
        var alice = NewKey();
        var bob = NewKey();

        await Stream<Note>(silo, "inbox", alice).OnNextAsync(new Note("for alice"));

        var accepted = await WaitForAcceptedAsync(silo.GrainFactory.GetGrain<IInboxGrain>(alice), 1);
        Assert.Equal([$"inbox/{alice}#1:for alice"], accepted);
        Assert.Empty(await silo.GrainFactory.GetGrain<IInboxGrain>(bob).Accepted());
    }

    [Fact]
    public async Task One_event_reaches_a_thousand_subscribers()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var stream = Stream<Note>(silo, "notes", key);
        var receivers = Enumerable.Range(0, 1000).Select(i => silo.GrainFactory.GetGrain<IExplicitReceiverGrain>($"{key}-{i}")).ToList();
        foreach (var receiver in receivers)
        {
            await stream.SubscribeAsync(receiver.GetGrainId());
        }

        await stream.OnNextAsync(new Note("hello all"));

        await Eventually.WaitUntilAsync(
            () => receivers.All(r => Probe.Count(r.GetGrainId().Key, $"delivered:notes/{key}#1") >= 1), "every subscriber got the event", s_deadline);
        Assert.All(await Task.WhenAll(receivers.Select(r => r.Accepted())), a => Assert.Equal([$"notes/{key}#1:hello all"], a));
    }

    [Fact]
    public async Task A_poison_event_is_dead_lettered_while_other_subscribers_and_events_go_on()
    {
        var queue = CreateQueue();
        await using var silo = await StartSiloAsync(queue);
        var key = NewKey();
        var healthy = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key + "-healthy");
        var other = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key + "-other");
        var stream = Stream<Note>(silo, "notes", key);
        await stream.SubscribeAsync(healthy.GetGrainId());

        await stream.OnNextAsync(new Note("first"));
        await stream.OnNextAsync(new Note("poison"));
        await stream.OnNextAsync(new Note("third"));
        await Stream<Note>(silo, "notes", key + "-b").SubscribeAsync(other.GetGrainId());
        await Stream<Note>(silo, "notes", key + "-b").OnNextAsync(new Note("unrelated"));

        var accepted = await WaitForAcceptedAsync(healthy, 2);
        Assert.Equal([$"notes/{key}#1:first", $"notes/{key}#3:third"], accepted);
        Assert.Equal([$"notes/{key}-b#1:unrelated"], await WaitForAcceptedAsync(other, 1));
        IReadOnlyList<StreamDeadLetter> deadLetters = [];
        await Eventually.WaitUntilAsync(
            async () => (deadLetters = (await queue.ReadDeadLettersAsync(100, CancellationToken.None))
                .Where(d => d.StreamId.Key == key).ToList()).Count == 1,
            "the poison event in the dead-letter table",
            s_deadline);
        var deadLetter = Assert.Single(deadLetters);
        Assert.Equal(2, deadLetter.Sequence);
        Assert.Equal(healthy.GetGrainId(), deadLetter.Subscriber);
        Assert.Equal(3, deadLetter.Attempts);
        Assert.Contains("poison note 2", deadLetter.Error);
    }

    [Fact]
    public async Task A_subscriber_that_times_out_is_dead_lettered_while_others_receive_on_time()
    {
        var queue = CreateQueue();
        await using var silo = await StartSiloAsync(queue, deliveryTimeout: TimeSpan.FromMilliseconds(500));
        var key = NewKey();
        var slow = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key + "-slow");
        var healthy = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key + "-healthy");
        var stream = Stream<Note>(silo, "notes", key);
        await stream.SubscribeAsync(slow.GetGrainId());
        await stream.SubscribeAsync(healthy.GetGrainId());

        await stream.OnNextAsync(new Note("slow"));
        await stream.OnNextAsync(new Note("after"));

        Assert.Equal([$"notes/{key}#1:slow", $"notes/{key}#2:after"], await WaitForAcceptedAsync(healthy, 2));
        await Eventually.WaitUntilAsync(
            async () => (await queue.ReadDeadLettersAsync(1000, CancellationToken.None))
                .Any(d => d.StreamId.Key == key && d.Subscriber == slow.GetGrainId() && d.Sequence == 1 && d.Error.Contains("timed out")),
            "the timed-out delivery in the dead-letter table",
            s_deadline);
    }

    [Fact]
    public async Task Unsubscribed_grains_receive_nothing_more()
    {
        await using var silo = await StartSiloAsync();
        var key = NewKey();
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        var witness = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key + "-witness");
        var stream = Stream<Note>(silo, "notes", key);
        await stream.SubscribeAsync(receiver.GetGrainId());
        await stream.SubscribeAsync(witness.GetGrainId());
        await stream.OnNextAsync(new Note("before"));
        await WaitForAcceptedAsync(receiver, 1);

        await stream.UnsubscribeAsync(receiver.GetGrainId());
        await stream.OnNextAsync(new Note("after"));
        await WaitForAcceptedAsync(witness, 2);

        Assert.Equal([$"notes/{key}#1:before"], await receiver.Accepted());
    }

    [Fact]
    public async Task Subscriptions_survive_a_silo_restart()
    {
        var key = NewKey();
        await using (var first = await StartSiloAsync())
        {
            await Stream<Note>(first, "notes", key).SubscribeAsync(first.GrainFactory.GetGrain<IExplicitReceiverGrain>(key).GetGrainId());
        }

        await using var second = await StartSiloAsync();
        await Stream<Note>(second, "notes", key).OnNextAsync(new Note("after restart"));

        Assert.Equal([$"notes/{key}#1:after restart"], await WaitForAcceptedAsync(second.GrainFactory.GetGrain<IExplicitReceiverGrain>(key), 1));
    }

    [Fact]
    public async Task An_event_the_codec_cannot_serialize_fails_before_anything_is_stored()
    {
        var queue = CreateQueue();
        await using var silo = await StartSiloAsync(queue);
        var key = NewKey();
        var stream = Stream<Unserializable>(silo, "notes", key);

        var error = await Assert.ThrowsAsync<StreamPublishException>(() => stream.OnNextAsync(new Unserializable(typeof(int))));
        var next = await Stream<Note>(silo, "notes", key).OnNextAsync(new Note("next"));

        Assert.Contains("cannot be serialized", error.Message);
        Assert.Equal(1, next);
    }

    [Fact]
    public void Invalid_stream_namespaces_and_keys_are_rejected()
    {
        var provider = new StreamProviderHarness();

        Assert.Throws<ArgumentException>(() => provider.Get("bad/namespace", "k"));
        Assert.Throws<ArgumentException>(() => provider.Get("", "k"));
        Assert.Throws<ArgumentException>(() => provider.Get("ok", new string('x', 1025)));
    }

    private sealed class StreamProviderHarness
    {
        private readonly IStreamProvider _provider = new StreamProvider(
            "Default", new MemoryStreamQueue(), new StreamProviderOptions(),
            new Serialization.JsonGrainCodec(Microsoft.Extensions.Options.Options.Create(new Serialization.GrainCodecOptions())));

        public IAsyncStream<Note> Get(string streamNamespace, string key) => _provider.GetStream<Note>(new StreamId(streamNamespace, key));
    }
}
