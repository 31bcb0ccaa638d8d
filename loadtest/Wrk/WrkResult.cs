namespace Weft.LoadTest.Wrk;

/// <summary>What one wrk run reported.</summary>
/// <param name="RequestsPerSecond">Completed requests per second.</param>
/// <param name="Requests">Completed requests.</param>
/// <param name="Non2xx">Responses outside 2xx/3xx.</param>
/// <param name="SocketErrors">Connect, read, write and timeout errors together.</param>
/// <param name="Latency50">Median latency.</param>
/// <param name="Latency99">99th percentile latency.</param>
internal sealed record WrkResult(double RequestsPerSecond, long Requests, long Non2xx, long SocketErrors, string Latency50, string Latency99)
{
    public override string ToString() =>
        $"{RequestsPerSecond:N0} requests/s ({Requests:N0} requests, p50 {Latency50}, p99 {Latency99}, non-2xx {Non2xx}, socket errors {SocketErrors})";
}
