using Weft.Invocation;
using Weft.Runtime.Serialization;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>A delivery of a batch of one stream's events to a consumer grain, sent as a grain call (so it runs in turn).</summary>
internal readonly struct StreamDeliveryRequest(StreamConsumerInvoker invoker, IReadOnlyList<QueuedStreamEvent> events, JsonGrainCodec codec)
    : IGrainRequest<NoResult>
{
    private static readonly GrainMethodDescriptor s_method = new(
        typeof(IStreamConsumer<>), nameof(IStreamConsumer<object>.OnNextAsync), GrainMethodOptions.None, argumentsNeedCopy: false, resultNeedsCopy: false);

    public static GrainMethodDescriptor Method => s_method;

    public ValueTask<NoResult> Invoke(object grain) => GrainMethodResults.From(invoker.DeliverAsync(grain, events, codec));

    public void CopyArguments(IDeepCopier copier)
    {
        // Events are deserialized afresh for each delivery: nothing is shared.
    }
}
