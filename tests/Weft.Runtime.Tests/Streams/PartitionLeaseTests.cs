using Weft.Runtime.Persistence;
using Weft.Runtime.Streams;
using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;
using Weft.Streams;
using Weft.Testing;
using Weft.Testing.Time;

namespace Weft.Runtime.Tests.Streams;

public sealed class PartitionLeaseTests
{
    [Fact]
    public async Task A_busy_agent_keeps_its_lease_past_the_lease_duration()
    {
        var time = new FakeTimeProvider();
        var queue = new MemoryStreamQueue(1, time);
        await using var silo = await TestSilo.StartAsync(
            timeProvider: time,
            storage: new MemoryGrainStorage(),
            services: s => s.AddWeftStreams().AddStreamProvider("Default", _ => queue, o => o.LeaseDuration = TimeSpan.FromSeconds(30)));
        var key = Guid.NewGuid().ToString("N");
        var receiver = silo.GrainFactory.GetGrain<IExplicitReceiverGrain>(key);
        var stream = silo.Services.GetStreamProvider("Default").GetStream<Note>(new StreamId("notes", key));
        await stream.SubscribeAsync(receiver.GetGrainId());

        // Two minutes of steady traffic, four lease durations: the agent must renew while it works.
        for (var i = 1; i <= 24; i++)
        {
            await stream.OnNextAsync(new Note("n" + i));
            await Eventually.WaitUntilAsync(async () => (await receiver.Accepted()).Length == i, $"event {i} delivered");
            time.Advance(TimeSpan.FromSeconds(5));
        }

        var takenOver = await queue.TryAcquireAsync(0, "another silo", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Null(takenOver);
    }
}
