using Microsoft.Extensions.Logging;
using Weft.Invocation;
using Weft.Runtime.Catalog;
using Weft.Streams;

namespace Weft.Runtime.Streams;

/// <summary>
/// Pulls one partition of one stream provider while it holds the partition's lease: reads events after the
/// checkpoint, delivers each stream's events to each subscriber as one grain call (in order, with retries, backoff and
/// dead letters), then commits the checkpoint, which also deletes the handled events. A crash before the commit means
/// the batch is delivered again: delivery is at least once, and sequence numbers let consumers drop duplicates.
/// </summary>
internal sealed partial class PartitionAgent(
    StreamProvider provider,
    int partition,
    string owner,
    GrainCatalog catalog,
    StreamConsumerRegistry consumers,
    TimeProvider timeProvider,
    ILogger logger)
{
    private static readonly TimeSpan s_maxErrorBackoff = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _wakeUp = new(0, 1);
    private readonly StreamProviderOptions _options = provider.Options;
    private int _wakeUpPending;

    public int Partition => partition;

    /// <summary>Events were appended to this partition: look now instead of at the next poll.</summary>
    public void WakeUp()
    {
        if (Interlocked.Exchange(ref _wakeUpPending, 1) == 0)
        {
            _wakeUp.Release();
        }
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var errorBackoff = TimeSpan.FromMilliseconds(100);
        while (!stopping.IsCancellationRequested)
        {
            PartitionLease? lease = null;
            try
            {
                lease = await provider.Queue.TryAcquireAsync(partition, owner, _options.LeaseDuration, stopping);
                if (lease is null)
                {
                    // Another silo pulls this partition; look again before its lease could expire.
                    await WaitAsync(_options.LeaseDuration / 3, stopping);
                    continue;
                }

                await PumpAsync(lease, stopping);
                errorBackoff = TimeSpan.FromMilliseconds(100);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogPartitionFailed(logger, e, provider.Name, partition, errorBackoff.TotalMilliseconds);
                await DelayQuietly(errorBackoff, stopping);
                errorBackoff = TimeSpan.FromTicks(Math.Min(errorBackoff.Ticks * 2, s_maxErrorBackoff.Ticks));
            }
        }
    }

    /// <summary>
    /// Delivers batches until the lease is lost or the silo stops (then the lease is released). The lease is renewed on
    /// its own schedule, also while a long batch is being delivered; losing it cancels the delivery in progress.
    /// </summary>
    private async Task PumpAsync(PartitionLease acquired, CancellationToken stopping)
    {
        var held = new HeldLease(acquired);
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var renewal = RenewWhileHeldAsync(held, lost);
        var checkpoint = acquired.Checkpoint;
        try
        {
            while (!lost.IsCancellationRequested)
            {
                var events = await provider.Queue.ReadAsync(partition, checkpoint, _options.BatchSize, lost.Token);
                if (events.Count == 0)
                {
                    await WaitAsync(_options.PollInterval, lost.Token);
                    continue;
                }

                await DeliverAsync(events, lost.Token);
                var committed = await provider.Queue.CommitAsync(held.Lease, events[^1].Id, lost.Token);
                if (committed is null)
                {
                    LogLeaseLost(logger, provider.Name, partition);
                    return;
                }

                held.Lease = committed;
                checkpoint = events[^1].Id;
                if (events.Count < _options.BatchSize && _options.GatherDelay > TimeSpan.Zero)
                {
                    await Task.Delay(_options.GatherDelay, timeProvider, lost.Token);
                }
            }
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            // The lease was lost mid-batch: another agent delivers it again; consumers drop the duplicates.
        }
        finally
        {
            await lost.CancelAsync();
            await renewal;
            if (stopping.IsCancellationRequested)
            {
                await ReleaseQuietly(held.Lease);
            }
        }
    }

    private async Task RenewWhileHeldAsync(HeldLease held, CancellationTokenSource lost)
    {
        while (!lost.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.LeaseDuration / 3, timeProvider, lost.Token);
                var renewed = await provider.Queue.RenewAsync(held.Lease, _options.LeaseDuration, lost.Token);
                if (renewed is null)
                {
                    LogLeaseLost(logger, provider.Name, partition);
                    await lost.CancelAsync();
                    return;
                }

                held.Lease = renewed;
            }
            catch (OperationCanceledException) when (lost.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be back before the lease expires; if not, the next renewal reports the loss.
                LogPartitionFailed(logger, e, provider.Name, partition, (_options.LeaseDuration / 3).TotalMilliseconds);
            }
        }
    }

    /// <summary>The lease the pump and its renewal share; both only replace it with the store's newer copy.</summary>
    private sealed class HeldLease(PartitionLease lease)
    {
        private PartitionLease _lease = lease;

        public PartitionLease Lease
        {
            get => Volatile.Read(ref _lease);
            set => Volatile.Write(ref _lease, value);
        }
    }

    private async Task DeliverAsync(IReadOnlyList<QueuedStreamEvent> events, CancellationToken stopping)
    {
        var byStream = new Dictionary<StreamId, List<QueuedStreamEvent>>();
        foreach (var streamEvent in events)
        {
            if (!byStream.TryGetValue(streamEvent.StreamId, out var list))
            {
                byStream[streamEvent.StreamId] = list = [];
            }

            list.Add(streamEvent);
        }

        var explicitSubscribers = await provider.Queue.GetSubscribersAsync(byStream.Keys, stopping);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentDeliveries);
        var deliveries = new List<Task>();
        foreach (var (streamId, streamEvents) in byStream)
        {
            foreach (var subscriber in Subscribers(streamId, explicitSubscribers))
            {
                await slots.WaitAsync(stopping);
                deliveries.Add(DeliverReleasingAsync(subscriber, streamEvents, slots, stopping));
            }
        }

        await Task.WhenAll(deliveries);
    }

    private IEnumerable<GrainId> Subscribers(StreamId streamId, IReadOnlyDictionary<StreamId, IReadOnlyList<GrainId>> explicitSubscribers)
    {
        var seen = new HashSet<GrainId>();
        if (explicitSubscribers.TryGetValue(streamId, out var subscribers))
        {
            foreach (var subscriber in subscribers)
            {
                if (seen.Add(subscriber))
                {
                    yield return subscriber;
                }
            }
        }

        foreach (var grainType in consumers.ImplicitSubscribers(streamId.Namespace))
        {
            var subscriber = new GrainId(grainType, streamId.Key);
            if (seen.Add(subscriber))
            {
                yield return subscriber;
            }
        }
    }

    private async Task DeliverReleasingAsync(GrainId subscriber, List<QueuedStreamEvent> events, SemaphoreSlim slots, CancellationToken stopping)
    {
        try
        {
            await DeliverToSubscriberAsync(subscriber, events, stopping);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Delivers one stream's events to one subscriber in order, in runs of one event type.</summary>
    private async Task DeliverToSubscriberAsync(GrainId subscriber, List<QueuedStreamEvent> events, CancellationToken stopping)
    {
        var start = 0;
        while (start < events.Count)
        {
            var end = start + 1;
            while (end < events.Count && events[end].EventType == events[start].EventType)
            {
                end++;
            }

            var run = events.GetRange(start, end - start);
            var invoker = consumers.Find(subscriber.GrainType, run[0].EventType, out var problem);
            if (invoker is null)
            {
                // Retrying cannot help: the subscriber cannot take this event type.
                foreach (var streamEvent in run)
                {
                    await DeadLetterAsync(subscriber, streamEvent, 0, problem!, stopping);
                }
            }
            else if (!await TryDeliverAsync(subscriber, invoker, run, deadLetterOnFailure: run.Count == 1, stopping) && run.Count > 1)
            {
                await DeliverOneByOneAsync(subscriber, invoker, run, stopping);
            }

            start = end;
        }
    }

    /// <summary>
    /// A batch kept failing: deliver its events one by one, so only a poison event is dead-lettered. If two events in a
    /// row fail every attempt, the subscriber itself is failing: the rest go to the dead-letter table at once, so one
    /// broken subscriber stalls the partition for seconds, not for one retry cycle per event.
    /// </summary>
    private async Task DeliverOneByOneAsync(GrainId subscriber, StreamConsumerInvoker invoker, List<QueuedStreamEvent> run, CancellationToken stopping)
    {
        var failuresInARow = 0;
        foreach (var streamEvent in run)
        {
            if (failuresInARow >= 2)
            {
                await DeadLetterAsync(subscriber, streamEvent, 0, "the subscriber failed every attempt on the events before this one", stopping);
                continue;
            }

            failuresInARow = await TryDeliverAsync(subscriber, invoker, [streamEvent], deadLetterOnFailure: true, stopping) ? 0 : failuresInARow + 1;
        }
    }

    private async Task<bool> TryDeliverAsync(
        GrainId subscriber,
        StreamConsumerInvoker invoker,
        List<QueuedStreamEvent> run,
        bool deadLetterOnFailure,
        CancellationToken stopping)
    {
        var backoff = _options.RetryBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var delivery = catalog.GetOrCreateActivation(subscriber)
                    .InvokeAsync<StreamDeliveryRequest, NoResult>(new StreamDeliveryRequest(invoker, run, provider.Codec));
                if (delivery.IsCompletedSuccessfully)
                {
                    // A consumer that finished inline needs no timeout timer.
                    return true;
                }

                await delivery.AsTask().WaitAsync(_options.DeliveryTimeout, timeProvider, stopping);
                return true;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                if (attempt >= _options.MaxDeliveryAttempts)
                {
                    if (deadLetterOnFailure)
                    {
                        await DeadLetterAsync(subscriber, run[0], attempt, Describe(e), stopping);
                    }

                    return false;
                }

                LogDeliveryRetry(logger, e, run[0].StreamId, run[0].Sequence, subscriber, attempt);
                await Task.Delay(backoff, timeProvider, stopping);
                backoff *= 2;
            }
        }
    }

    private async Task DeadLetterAsync(GrainId subscriber, QueuedStreamEvent streamEvent, int attempts, string error, CancellationToken stopping)
    {
        LogDeadLettered(logger, streamEvent.StreamId, streamEvent.Sequence, subscriber, attempts, error);

        // If this write fails the batch is not committed, so the event is delivered again: nothing is lost.
        await provider.Queue.DeadLetterAsync(
            new StreamDeadLetter(
                streamEvent.StreamId,
                streamEvent.Sequence,
                subscriber,
                streamEvent.EventType,
                streamEvent.Payload,
                attempts,
                error,
                timeProvider.GetUtcNow()),
            stopping);
    }

    private static string Describe(Exception e) => e is TimeoutException
        ? "delivery timed out: " + e.Message
        : $"{e.GetType().FullName}: {e.Message}";

    private async Task WaitAsync(TimeSpan timeout, CancellationToken stopping)
    {
        if (await _wakeUp.WaitAsync(timeout, stopping))
        {
            // Only a consumed wake-up re-arms WakeUp; after a timeout a pending one stays, so Release never overflows.
            Interlocked.Exchange(ref _wakeUpPending, 0);
        }
    }

    private async Task ReleaseQuietly(PartitionLease lease)
    {
        try
        {
            await provider.Queue.ReleaseAsync(lease, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The lease expires by itself; another silo takes over then.
            LogPartitionFailed(logger, e, provider.Name, partition, 0);
        }
    }

    private async Task DelayQuietly(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, timeProvider, stopping);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(200, LogLevel.Warning, "Stream provider {Provider} partition {Partition} failed; retrying in {BackoffMs} ms")]
    private static partial void LogPartitionFailed(ILogger logger, Exception exception, string provider, int partition, double backoffMs);

    [LoggerMessage(201, LogLevel.Information, "Stream provider {Provider} lost the lease of partition {Partition}")]
    private static partial void LogLeaseLost(ILogger logger, string provider, int partition);

    [LoggerMessage(202, LogLevel.Debug, "Delivery of {StreamId}#{Sequence} to {Subscriber} failed (attempt {Attempt}); retrying")]
    private static partial void LogDeliveryRetry(ILogger logger, Exception exception, StreamId streamId, long sequence, GrainId subscriber, int attempt);

    [LoggerMessage(203, LogLevel.Warning, "Dead-lettered {StreamId}#{Sequence} for {Subscriber} after {Attempts} attempts: {Error}")]
    private static partial void LogDeadLettered(ILogger logger, StreamId streamId, long sequence, GrainId subscriber, int attempts, string error);
}
