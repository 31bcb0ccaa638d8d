namespace Weft.Runtime.Streams;

/// <summary>An event ready to store: its .NET type name (for checks and operators) and its JSON payload.</summary>
public sealed record EncodedStreamEvent(string EventType, byte[] Payload);
