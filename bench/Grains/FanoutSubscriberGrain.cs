using System.Diagnostics;
using Weft.Bench.Fanout;
using Weft.Streams;

namespace Weft.Bench.Grains;

/// <summary>
/// Counts deliveries in memory and reports their arrival time to <see cref="FanoutProbe"/>; it writes no state, so
/// the benchmark measures the stream path (queue, pulling agent, grain call) and nothing else.
/// </summary>
public sealed class FanoutSubscriberGrain : Grain, IFanoutSubscriberGrain, IStreamConsumer<FanoutEvent>
{
    private long _received;

    public Task OnNextAsync(IReadOnlyList<StreamEvent<FanoutEvent>> events)
    {
        var arrived = Stopwatch.GetTimestamp();
        _received += events.Count;
        FanoutProbe.Current?.Record(events, arrived);
        return Task.CompletedTask;
    }

    public ValueTask<long> Received() => new(_received);
}
