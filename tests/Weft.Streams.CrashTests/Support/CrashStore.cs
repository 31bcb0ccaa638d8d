using Weft.Streams.CrashHost;

namespace Weft.Streams.CrashTests.Support;

/// <summary>
/// The store one crash test runs the host on: the settings that point a host process at it, and reads of what the host
/// left there, straight from the tables (subscriber states, stream heads, queued events, dead letters). Each test gets
/// a fresh one and disposes it, so tests never see each other's rows.
/// </summary>
internal abstract class CrashStore : IAsyncDisposable
{
    /// <summary>The grain type of CrashSubscriberGrain (its class name without "Grain", lower-cased).</summary>
    public const string SubscriberGrainType = "crashsubscriber";

    public const string Namespace = "crash";

    public static string StreamKey(int stream) => $"s{stream}";

    public static string SubscriberKey(int stream, int subscriber) => $"{StreamKey(stream)}-{subscriber}";

    /// <summary>
    /// The environment that configures a host process on this store: <c>Weft__CrashHost__Store</c> and
    /// <c>ConnectionStrings__Weft</c>.
    /// </summary>
    public abstract IReadOnlyDictionary<string, string> HostEnvironment { get; }

    /// <summary>How many (stream, sequence) entries all subscribers have persisted, duplicates included.</summary>
    public abstract Task<long> ReceivedCountAsync();

    /// <summary>Every subscriber's persisted state, by grain key.</summary>
    public abstract Task<IReadOnlyDictionary<string, CrashSubscriberState>> SubscribersAsync();

    /// <summary>The last sequence published to each stream of the namespace (what the queue acknowledged or committed).</summary>
    public abstract Task<IReadOnlyDictionary<string, long>> StreamHeadsAsync();

    /// <summary>Events of the namespace still in the queue table (not yet checkpointed and compacted).</summary>
    public abstract Task<long> QueuedEventsAsync();

    /// <summary>Dead letters of the namespace.</summary>
    public abstract Task<long> DeadLettersAsync();

    /// <summary>
    /// Fails unless the store is intact after a SIGKILL of the host, before anything restarts on it. The default checks
    /// nothing: a server keeps its own files consistent when a client dies.
    /// </summary>
    public virtual Task AssertIntactAfterKillAsync() => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}
