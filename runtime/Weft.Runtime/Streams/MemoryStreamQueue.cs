using Weft.Persistence;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// An <see cref="IStreamQueue"/> in process memory, for tests and single-silo development. It follows the database
/// queues' contract: per-stream sequences 1, 2, 3…, event ids increasing in commit order, leases fenced by owner and
/// epoch and expiring by the <see cref="TimeProvider"/> given, commits that delete handled events, subscription rows
/// and dead letters. Byte arrays are copied in and out. Everything is lost when the process ends.
/// </summary>
public sealed class MemoryStreamQueue : IStreamQueue
{
    // Subscribers are listed in a stable order (type, then key, ordinal), as the databases list them.
    private static readonly Comparer<GrainId> s_subscriberOrder = Comparer<GrainId>.Create(static (a, b) =>
        string.CompareOrdinal(a.GrainType, b.GrainType) is var byType and not 0 ? byType : string.CompareOrdinal(a.Key, b.Key));

    private readonly Store _store;
    private readonly Lock _gate;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates an empty queue.</summary>
    /// <param name="partitionCount">How many partitions events are spread over; default 8.</param>
    /// <param name="timeProvider">The clock leases expire by and events are stamped with; default the system clock.</param>
    public MemoryStreamQueue(int partitionCount = 8, TimeProvider? timeProvider = null)
        : this(new Store(), partitionCount, timeProvider ?? TimeProvider.System)
    {
    }

    private MemoryStreamQueue(Store store, int partitionCount, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        _store = store;
        _gate = store.Gate;
        PartitionCount = partitionCount;
        _timeProvider = timeProvider;
    }

    /// <inheritdoc />
    public int PartitionCount { get; }

    /// <summary>
    /// Another queue over this one's stored events, subscriptions, leases and dead letters, as a restarted process or a
    /// second silo would see a database; wake-ups reach both. Same clock.
    /// </summary>
    /// <param name="partitionCount">Its partition count (a changed count maps streams anew, as it would on a database).</param>
    public MemoryStreamQueue OpenSameStore(int partitionCount) => new(_store, partitionCount, _timeProvider);

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        List<(int Partition, StreamId Stream)> undelivered;
        lock (_gate)
        {
            undelivered = [.. _store.EventsByPartition.SelectMany(p => p.Value.Values.Select(e => (p.Key, e.StreamId))).Distinct()];
        }

        return StreamPartitioner.RefuseChangedCount("Memory", "its settings", PartitionCount, undelivered) is { } refusal
            ? Task.FromException(new GrainStorageException(refusal))
            : Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        CheckStream(streamId);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(events.Count, nameof(events));
        cancellationToken.ThrowIfCancellationRequested();
        var partition = StreamPartitioner.GetPartition(streamId, PartitionCount);
        var copies = new (string EventType, byte[] Payload)[events.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            copies[i] = (events[i].EventType, events[i].Payload.ToArray());
        }

        long last;
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            _store.Heads.TryGetValue(streamId, out last);
            var stored = _store.Events(partition);
            foreach (var (eventType, payload) in copies)
            {
                var id = ++_store.LastId;
                stored.Add(id, new QueuedStreamEvent(id, streamId, ++last, eventType, payload, now));
            }

            _store.Heads[streamId] = last;
        }

        Raise(partition);
        return Task.FromResult(last);
    }

    /// <inheritdoc />
    public Task SubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken)
    {
        CheckStream(streamId);
        CheckSubscriber(subscriber);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_store.Subscriptions.TryGetValue(streamId, out var subscribers))
            {
                _store.Subscriptions[streamId] = subscribers = new SortedSet<GrainId>(s_subscriberOrder);
            }

            subscribers.Add(subscriber);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnsubscribeAsync(StreamId streamId, GrainId subscriber, CancellationToken cancellationToken)
    {
        CheckStream(streamId);
        CheckSubscriber(subscriber);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_store.Subscriptions.TryGetValue(streamId, out var subscribers) && subscribers.Remove(subscriber) && subscribers.Count == 0)
            {
                _store.Subscriptions.Remove(streamId);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>>> GetSubscribersAsync(
        IReadOnlyCollection<StreamId> streamIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(streamIds);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new Dictionary<StreamId, IReadOnlyList<GrainId>>();
        lock (_gate)
        {
            foreach (var streamId in streamIds)
            {
                if (_store.Subscriptions.TryGetValue(streamId, out var subscribers))
                {
                    result[streamId] = [.. subscribers];
                }
            }
        }

        return Task.FromResult<IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>>>(result);
    }

    /// <inheritdoc />
    public Task<PartitionLease?> TryAcquireAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            _store.Leases.TryGetValue(partition, out var current);
            if (current is { Owner: { } holder } && holder != owner && current.ExpiresAt > now)
            {
                return Task.FromResult<PartitionLease?>(null);
            }

            var lease = new Lease(owner, (current?.Epoch ?? 0) + 1, current?.Checkpoint ?? 0, now + duration);
            _store.Leases[partition] = lease;
            return Task.FromResult<PartitionLease?>(lease.ToPartitionLease(partition));
        }
    }

    /// <inheritdoc />
    public Task<PartitionLease?> RenewAsync(PartitionLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckPartition(lease.Partition);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!IsHeld(lease, out var current))
            {
                return Task.FromResult<PartitionLease?>(null);
            }

            var renewed = current with { ExpiresAt = _timeProvider.GetUtcNow() + duration };
            _store.Leases[lease.Partition] = renewed;
            return Task.FromResult<PartitionLease?>(renewed.ToPartitionLease(lease.Partition));
        }
    }

    /// <inheritdoc />
    public Task ReleaseAsync(PartitionLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckPartition(lease.Partition);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (IsHeld(lease, out var current))
            {
                _store.Leases[lease.Partition] = current with { Owner = null, ExpiresAt = _timeProvider.GetUtcNow() };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<QueuedStreamEvent>> ReadAsync(int partition, long afterId, int maxCount, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        var result = new List<QueuedStreamEvent>();
        lock (_gate)
        {
            var stored = _store.Events(partition);
            var keys = stored.Keys;
            for (var i = FirstIndexAfter(keys, afterId); i < keys.Count && result.Count < maxCount; i++)
            {
                result.Add(stored.Values[i]);
            }
        }

        // Stored payloads are never mutated, so they can be copied outside the lock.
        for (var i = 0; i < result.Count; i++)
        {
            result[i] = result[i] with { Payload = result[i].Payload.ToArray() };
        }

        return Task.FromResult<IReadOnlyList<QueuedStreamEvent>>(result);
    }

    /// <inheritdoc />
    public Task<PartitionLease?> CommitAsync(PartitionLease lease, long checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckPartition(lease.Partition);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!IsHeld(lease, out var current))
            {
                return Task.FromResult<PartitionLease?>(null);
            }

            var committed = current with { Checkpoint = Math.Max(current.Checkpoint, checkpoint) };
            _store.Leases[lease.Partition] = committed;
            var stored = _store.Events(lease.Partition);
            while (stored.Count > 0 && stored.Keys[0] <= committed.Checkpoint)
            {
                stored.RemoveAt(0);
            }

            return Task.FromResult<PartitionLease?>(committed.ToPartitionLease(lease.Partition));
        }
    }

    /// <inheritdoc />
    public Task DeadLetterAsync(StreamDeadLetter deadLetter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deadLetter);
        cancellationToken.ThrowIfCancellationRequested();
        var copy = deadLetter with { Payload = deadLetter.Payload.ToArray() };
        lock (_gate)
        {
            _store.DeadLetters.Add(copy);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StreamDeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        cancellationToken.ThrowIfCancellationRequested();
        StreamDeadLetter[] oldest;
        lock (_gate)
        {
            oldest = [.. _store.DeadLetters.Take(maxCount)];
        }

        return Task.FromResult<IReadOnlyList<StreamDeadLetter>>([.. oldest.Select(d => d with { Payload = d.Payload.ToArray() })]);
    }

    /// <inheritdoc />
    public IDisposable OnAppended(Action<int> onAppended)
    {
        ArgumentNullException.ThrowIfNull(onAppended);
        lock (_gate)
        {
            _store.OnAppended = [.. _store.OnAppended, onAppended];
        }

        return new Subscription(_store, onAppended);
    }

    /// <summary>Calls every wake-up callback; one that throws does not stop the others, nor fail the append.</summary>
    private void Raise(int partition)
    {
        foreach (var callback in Volatile.Read(ref _store.OnAppended))
        {
            try
            {
                callback(partition);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A wake-up may be lost: agents poll slowly as well.
            }
        }
    }

    private void CheckPartition(int partition) =>
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)partition, (uint)PartitionCount, nameof(partition));

    private static void CheckStream(StreamId streamId)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId.Namespace, nameof(streamId));
        GrainId.ValidateKey(streamId.Key, nameof(streamId));
    }

    private static void CheckSubscriber(GrainId subscriber)
    {
        ArgumentException.ThrowIfNullOrEmpty(subscriber.GrainType, nameof(subscriber));
        ArgumentNullException.ThrowIfNull(subscriber.Key, nameof(subscriber));
    }

    /// <summary>True if <paramref name="lease"/>'s owner and epoch still hold its partition. Called under the lock.</summary>
    private bool IsHeld(PartitionLease lease, out Lease current)
    {
        return _store.Leases.TryGetValue(lease.Partition, out current!) && current.Owner == lease.Owner && current.Epoch == lease.Epoch;
    }

    /// <summary>The index of the first id greater than <paramref name="afterId"/> (binary search over sorted ids).</summary>
    private static int FirstIndexAfter(IList<long> ids, long afterId)
    {
        int low = 0, high = ids.Count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (ids[middle] <= afterId)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>What a database would hold; shared by the queues of <see cref="OpenSameStore"/>. Guarded by <see cref="Gate"/>.</summary>
    private sealed class Store
    {
        public readonly Lock Gate = new();
        public readonly Dictionary<int, SortedList<long, QueuedStreamEvent>> EventsByPartition = [];
        public readonly Dictionary<int, Lease> Leases = [];
        public readonly Dictionary<StreamId, long> Heads = [];
        public readonly Dictionary<StreamId, SortedSet<GrainId>> Subscriptions = [];
        public readonly List<StreamDeadLetter> DeadLetters = [];
        public Action<int>[] OnAppended = [];
        public long LastId;

        public SortedList<long, QueuedStreamEvent> Events(int partition)
        {
            if (!EventsByPartition.TryGetValue(partition, out var events))
            {
                EventsByPartition[partition] = events = [];
            }

            return events;
        }
    }

    private sealed class Subscription(Store store, Action<int> callback) : IDisposable
    {
        public void Dispose()
        {
            lock (store.Gate)
            {
                var index = Array.IndexOf(store.OnAppended, callback);
                if (index >= 0)
                {
                    store.OnAppended = [.. store.OnAppended[..index], .. store.OnAppended[(index + 1)..]];
                }
            }
        }
    }

    private sealed record Lease(string? Owner, long Epoch, long Checkpoint, DateTimeOffset ExpiresAt)
    {
        public PartitionLease ToPartitionLease(int partition) => new(partition, Owner!, Epoch, Checkpoint, ExpiresAt);
    }
}
