using Weft.Runtime.Serialization;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// Delivers stored events to a grain's <see cref="IStreamConsumer{T}"/> for one event type. Built once per type at
/// start-up (the only reflection); delivery itself is a virtual call and a typed deserialization.
/// </summary>
internal abstract class StreamConsumerInvoker
{
    public abstract Type EventType { get; }

    public abstract Task DeliverAsync(object grain, IReadOnlyList<QueuedStreamEvent> events, JsonGrainCodec codec);

    public static StreamConsumerInvoker Create(Type eventType)
        => (StreamConsumerInvoker)Activator.CreateInstance(typeof(StreamConsumerInvoker<>).MakeGenericType(eventType))!;
}

/// <summary>The invoker for events of type <typeparamref name="T"/>.</summary>
internal sealed class StreamConsumerInvoker<T> : StreamConsumerInvoker
{
    public override Type EventType => typeof(T);

    public override Task DeliverAsync(object grain, IReadOnlyList<QueuedStreamEvent> events, JsonGrainCodec codec)
    {
        var typed = new StreamEvent<T>[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var stored = events[i];
            typed[i] = new StreamEvent<T>(stored.StreamId, stored.Sequence, codec.Deserialize<T>(stored.Payload), stored.Projected);
        }

        return ((IStreamConsumer<T>)grain).OnNextAsync(typed);
    }
}
