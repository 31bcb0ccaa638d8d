using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// The durable store behind a stream provider: a partitioned event table, subscription rows, partition leases with
/// checkpoints, and dead letters. Implemented on PostgreSQL and SQLite (and in memory for tests); pulling agents
/// drive it.
/// </summary>
public interface IStreamQueue
{
    /// <summary>How many partitions events are spread over (a stream always maps to one, see <see cref="StreamPartitioner"/>).</summary>
    int PartitionCount { get; }

    /// <summary>Creates the schema idempotently and checks the store can be reached; errors name the setting to fix.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores events of one stream in one transaction, numbering them after the stream's last sequence, and wakes the
    /// agents of its partition once committed. Returns the sequence of the last event.
    /// </summary>
    Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken);

    /// <summary>Adds a subscription row (idempotent).</summary>
    Task SubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken);

    /// <summary>Removes a subscription row (idempotent).</summary>
    Task UnsubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken);

    /// <summary>The explicit subscribers of each given stream (streams without any are absent).</summary>
    Task<IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>>> GetSubscribersAsync(IReadOnlyCollection<StreamId> streamIds, CancellationToken cancellationToken);

    /// <summary>Takes the partition's lease if it is free, expired or already ours; null if another owner holds it.</summary>
    Task<PartitionLease?> TryAcquireAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Extends a lease; null if it was lost (expired and taken, or fenced).</summary>
    Task<PartitionLease?> RenewAsync(PartitionLease lease, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Gives a lease up so another agent can take it at once.</summary>
    Task ReleaseAsync(PartitionLease lease, CancellationToken cancellationToken);

    /// <summary>Reads up to <paramref name="maxCount"/> events of a partition with id greater than <paramref name="afterId"/>, by id.</summary>
    Task<IReadOnlyList<QueuedStreamEvent>> ReadAsync(int partition, long afterId, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Records that every event up to <paramref name="checkpoint"/> is handled and deletes them, if the lease is still
    /// held (same owner and epoch). Returns the renewed lease, or null if it was lost (nothing changes then).
    /// </summary>
    Task<PartitionLease?> CommitAsync(PartitionLease lease, long checkpoint, CancellationToken cancellationToken);

    /// <summary>Stores an event a subscriber kept failing on.</summary>
    Task DeadLetterAsync(StreamDeadLetter deadLetter, CancellationToken cancellationToken);

    /// <summary>Reads dead letters, oldest first (for operators and tests).</summary>
    Task<IReadOnlyList<StreamDeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Calls <paramref name="onAppended"/> with a partition number when events were appended to it, by this process or
    /// another (PostgreSQL: LISTEN/NOTIFY; SQLite: in-process). A wake-up may be lost or spurious: agents also poll slowly.
    /// </summary>
    IDisposable OnAppended(Action<int> onAppended);
}
