namespace Weft.Streams.CrashHost;

/// <summary>The event the crash host publishes: the n-th event its publisher sent to the stream (n is also its sequence).</summary>
public sealed record CrashEvent(long Number);
