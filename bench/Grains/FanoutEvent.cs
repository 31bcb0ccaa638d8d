namespace Weft.Bench.Grains;

/// <summary>
/// An event of the fan-out benchmark. <see cref="Stream"/> is the index of the stream it was published to, so a
/// subscriber can find the publish acknowledgement time the publisher recorded for (stream, sequence).
/// </summary>
public sealed record FanoutEvent(int Stream);
