namespace Weft.Streams;

/// <summary>A durable stream of events of type <typeparamref name="T"/>.</summary>
public interface IAsyncStream<T>
{
    /// <summary>The stream's address.</summary>
    StreamId StreamId { get; }

    /// <summary>
    /// Publishes one event. Returns once it is durably stored; it will then reach every subscriber at least once.
    /// </summary>
    /// <returns>The event's sequence number in the stream.</returns>
    /// <exception cref="StreamPublishException">The event could not be serialized (nothing is stored) or the store
    /// could not be reached (nothing acknowledged is lost).</exception>
    Task<long> OnNextAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Publishes several events atomically, in order. Returns the sequence number of the last one.</summary>
    Task<long> OnNextBatchAsync(IReadOnlyList<T> items, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a grain's persistent state and publishes one event in one transaction (an outbox): if the write succeeds
    /// the event will be delivered, if it fails (for example a stale ETag) nothing is published. The state's storage
    /// provider and this stream provider must use the same database.
    /// </summary>
    /// <returns>The event's sequence number in the stream.</returns>
    Task<long> OnNextWithStateAsync<TState>(T item, IPersistentState<TState> state, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes a grain (which implements <see cref="IStreamConsumer{T}"/>) to this stream. Idempotent; the
    /// subscription is a stored row and survives restarts. Call it from the grain with its own reference, or pass any grain's.
    /// </summary>
    Task SubscribeAsync(GrainId subscriber, CancellationToken cancellationToken = default);

    /// <summary>Removes a grain's subscription. Idempotent.</summary>
    Task UnsubscribeAsync(GrainId subscriber, CancellationToken cancellationToken = default);
}
