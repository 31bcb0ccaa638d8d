using Weft.Streams;

namespace Weft.Runtime.Tests.Grains;

public sealed class ReceiverState
{
    public StreamSequenceTracker Tracker { get; set; } = new();

    public List<string> Accepted { get; set; } = [];
}
