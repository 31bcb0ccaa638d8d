namespace Weft.Streams;

/// <summary>An event delivered from a stream, with its position in that stream.</summary>
/// <param name="StreamId">The stream it was published to.</param>
/// <param name="Sequence">Its number in the stream: 1, 2, 3… in publish order. A redelivery carries the same number.</param>
/// <param name="Item">The event.</param>
public readonly record struct StreamEvent<T>(StreamId StreamId, long Sequence, T Item);
