using Weft.Runtime.Streams;
using Weft.Testing.Time;
using Xunit;

namespace Weft.Streams.Tests;

public sealed class MemoryStreamQueueTests : StreamQueueContractTests
{
    private MemoryStreamQueue? _store;

    protected override IStreamQueue CreateQueue(int partitionCount) => _store = new MemoryStreamQueue(partitionCount);

    protected override IStreamQueue CreateQueueOnSameStore(int partitionCount) => _store!.OpenSameStore(partitionCount);

    [Fact]
    public async Task Leases_expire_by_the_time_provider_given()
    {
        var time = new FakeTimeProvider();
        var queue = new MemoryStreamQueue(2, time);
        var lease = await queue.TryAcquireAsync(0, "silo-a", TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.Equal(time.UtcNow.AddSeconds(30), lease!.ExpiresAt);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await queue.TryAcquireAsync(0, "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(1));
        var taken = await queue.TryAcquireAsync(0, "silo-b", TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.Equal(lease.Epoch + 1, taken!.Epoch);
    }

    [Fact]
    public async Task Payloads_are_copied_in_and_out()
    {
        var stream = new StreamId("posts", "ada");
        var payload = "abc"u8.ToArray();
        await Queue.AppendAsync(stream, [new EncodedStreamEvent("T", payload)], CancellationToken.None);
        payload[0] = (byte)'X';

        var first = (await Queue.ReadAsync(PartitionOf(stream), 0, 10, CancellationToken.None))[0];
        first.Payload[1] = (byte)'Y';
        var second = (await Queue.ReadAsync(PartitionOf(stream), 0, 10, CancellationToken.None))[0];

        Assert.Equal("abc", Text(second.Payload));
    }
}
