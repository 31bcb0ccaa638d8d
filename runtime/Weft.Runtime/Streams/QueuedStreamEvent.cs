using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>A stored event as a pulling agent reads it.</summary>
/// <param name="Id">Its position in its partition (increasing in commit order within a partition).</param>
/// <param name="StreamId">Its stream.</param>
/// <param name="Sequence">Its number within the stream (1, 2, 3…, no gaps).</param>
/// <param name="EventType">The .NET type name it was published as.</param>
/// <param name="Payload">UTF-8 JSON.</param>
/// <param name="EnqueuedAt">When it was stored.</param>
/// <param name="Projected">Whether the queue's outbox projection of its namespace ran in the transaction that stored it.</param>
public sealed record QueuedStreamEvent(long Id, StreamId StreamId, long Sequence, string EventType, byte[] Payload, DateTimeOffset EnqueuedAt, bool Projected = false);
