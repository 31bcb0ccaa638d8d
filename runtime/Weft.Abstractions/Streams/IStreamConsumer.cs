namespace Weft.Streams;

/// <summary>
/// Implemented by a grain class that receives events of type <typeparamref name="T"/> from streams it subscribed to
/// (explicitly, or implicitly with <see cref="ImplicitStreamSubscriptionAttribute"/>). Events arrive as calls, in turn,
/// in order per stream, at least once: a redelivered event carries the sequence number it had, so use
/// <see cref="StreamSequenceTracker"/> (kept in the grain's persistent state) to drop duplicates. An exception makes
/// the delivery retry with backoff; after the configured attempts the event goes to the dead-letter table.
/// </summary>
public interface IStreamConsumer<T>
{
    /// <summary>Receives a batch of events, all of one stream, in sequence order.</summary>
    Task OnNextAsync(IReadOnlyList<StreamEvent<T>> events);
}
