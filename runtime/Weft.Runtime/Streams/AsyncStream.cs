using Weft.Runtime.Persistence;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>A stream of one provider: publishing encodes events before anything is stored.</summary>
internal sealed class AsyncStream<T>(StreamProvider provider, StreamId streamId) : IAsyncStream<T>
{
    private static readonly string s_eventType = StreamEventDecoder.EventTypeOf<T>();

    public StreamId StreamId { get; } = streamId;

    public async Task<long> OnNextAsync(T item, CancellationToken cancellationToken = default)
        => await provider.Queue.AppendAsync(StreamId, [Encode(item)], cancellationToken);

    public async Task<long> OnNextBatchAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("A batch needs at least one event.", nameof(items));
        }

        var encoded = new EncodedStreamEvent[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            encoded[i] = Encode(items[i]);
        }

        return await provider.Queue.AppendAsync(StreamId, encoded, cancellationToken);
    }

    public Task<long> OnNextWithStateAsync<TState>(T item, IPersistentState<TState> state, CancellationToken cancellationToken = default)
    {
        if (state is not PersistentState<TState> persistent)
        {
            throw new ArgumentException("The state must be one the runtime created for a grain.", nameof(state));
        }

        return persistent.WriteWithEventsAsync(provider.Queue, StreamId, [Encode(item)], cancellationToken);
    }

    public Task SubscribeAsync(GrainId subscriber, CancellationToken cancellationToken = default)
        => provider.Queue.SubscribeAsync(StreamId, subscriber, cancellationToken);

    public Task UnsubscribeAsync(GrainId subscriber, CancellationToken cancellationToken = default)
        => provider.Queue.UnsubscribeAsync(StreamId, subscriber, cancellationToken);

    private EncodedStreamEvent Encode(T item)
    {
        try
        {
            return new EncodedStreamEvent(s_eventType, provider.Codec.Serialize(item), item);
        }
        catch (InvalidOperationException e)
        {
            throw new StreamPublishException($"The event for stream {StreamId} cannot be serialized, so nothing was stored: {e.Message}", e);
        }
    }
}
