using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>An event a subscriber kept failing on, kept for operators.</summary>
public sealed record StreamDeadLetter(
    StreamId StreamId,
    long Sequence,
    GrainId Subscriber,
    string EventType,
    byte[] Payload,
    int Attempts,
    string Error,
    DateTimeOffset FailedAt);
