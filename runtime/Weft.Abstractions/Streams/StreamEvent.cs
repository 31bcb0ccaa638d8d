namespace Weft.Streams;

/// <summary>An event delivered from a stream, with its position in that stream.</summary>
/// <param name="StreamId">The stream it was published to.</param>
/// <param name="Sequence">Its number in the stream: 1, 2, 3… in publish order. A redelivery carries the same number.</param>
/// <param name="Item">The event.</param>
/// <param name="Projected">
/// Whether the queue's outbox projection of the stream's namespace ran in the transaction that stored the event, so
/// whatever rows it makes of such events were committed with it. False on queues without one, and for events stored
/// before one was registered: a consumer then writes those rows itself.
/// </param>
public readonly record struct StreamEvent<T>(StreamId StreamId, long Sequence, T Item, bool Projected = false);
