namespace Weft.Runtime.Streams;

/// <summary>An event ready to store: its .NET type name (for checks and operators) and its JSON payload.</summary>
/// <param name="EventType">The .NET type name of the event as published.</param>
/// <param name="Payload">The event as UTF-8 JSON: what is stored.</param>
/// <param name="Published">
/// The event object itself when this process is publishing it (never stored): code that reads events on the way in,
/// such as an outbox projection, uses it instead of decoding the payload. Null for events read back from a queue.
/// </param>
public sealed record EncodedStreamEvent(string EventType, byte[] Payload, object? Published = null);
