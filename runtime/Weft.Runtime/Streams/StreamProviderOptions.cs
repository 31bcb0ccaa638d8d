namespace Weft.Runtime.Streams;

/// <summary>How a stream provider's pulling agents deliver; bound from <c>Weft:Streams:&lt;name&gt;</c>.</summary>
public sealed class StreamProviderOptions
{
    /// <summary>Events read per partition per round. Default 1,000.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Attempts per event and subscriber before it goes to the dead-letter table. Default 5.</summary>
    public int MaxDeliveryAttempts { get; set; } = 5;

    /// <summary>Backoff after the first failed attempt; doubles each time. Default 100 ms.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long one delivery may take before it counts as failed. Default 10 s.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a batch that was not full, how long an agent lets events gather before it reads again, so that under a
    /// steady trickle of publishes it reads and commits once per many events rather than once per event. The first
    /// event after a quiet spell is read at its wake-up; only the ones after it wait. Default 100 ms, Orleans' period
    /// between queue reads: with 10 ms, posting with 8 partitions read, checkpointed and notified for batches of one or
    /// two events, and posted about a third fewer statuses per second (docs/performance.md).
    /// </summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often agents look for events when no wake-up arrives (the fallback, not the normal path). Default 5 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a partition lease lasts unless renewed; a dead silo's partitions move after it. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deliveries in flight at once per agent. Default 1,024.</summary>
    public int MaxConcurrentDeliveries { get; set; } = 1024;
}
