namespace Weft.Streams.CrashHost;

/// <summary>
/// A deliberately slow consumer: it writes its state once per accepted event, so a delivery of a batch takes one
/// database round trip per event and a kill lands between the writes of one batch (some events of the batch persisted,
/// the checkpoint not yet committed). The sequence tracker is in the same state write as the record of the event, so
/// after a redelivery each event is recorded exactly once.
/// </summary>
public sealed class CrashSubscriberGrain([PersistentState("received")] IPersistentState<CrashSubscriberState> state)
    : Grain, ICrashSubscriberGrain, IStreamConsumer<CrashEvent>
{
    public async Task OnNextAsync(IReadOnlyList<StreamEvent<CrashEvent>> events)
    {
        var dropped = 0;
        foreach (var streamEvent in events)
        {
            if (streamEvent.Item.Number != streamEvent.Sequence)
            {
                // The publisher numbers its events 1, 2, 3… per stream, in publish order; anything else is a queue bug.
                throw new InvalidOperationException(
                    $"Event {streamEvent.Item.Number} of {streamEvent.StreamId} arrived with sequence {streamEvent.Sequence}.");
            }

            if (!state.State.Tracker.TryAccept(streamEvent))
            {
                dropped++;
                continue;
            }

            var stream = streamEvent.StreamId.ToString();
            if (!state.State.Received.TryGetValue(stream, out var received))
            {
                state.State.Received[stream] = received = [];
            }

            received.Add(streamEvent.Sequence);
            state.State.DuplicatesDropped += dropped;
            dropped = 0;
            await state.WriteStateAsync();
        }

        // Also after a batch of duplicates only: if an earlier write failed, the retry lands here and persists what
        // memory already holds, before the delivery counts as done.
        if (dropped > 0)
        {
            state.State.DuplicatesDropped += dropped;
            await state.WriteStateAsync();
        }
    }

    public Task<int> AcceptedCount() => Task.FromResult(state.State.Received.Values.Sum(r => r.Count));
}
