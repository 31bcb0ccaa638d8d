using Weft.Streams;

namespace Weft.Runtime.Tests.Grains;

/// <summary>
/// Persists every accepted event with the sequence tracker (" (projected)" after an event the queue projected), and
/// records deliveries in the probe. Throws on a note whose text is "poison"; a grain whose key ends in "-slow" takes 3 s
/// over a note "slow".
/// </summary>
public abstract class ReceiverGrainBase(IPersistentState<ReceiverState> state) : Grain, IStreamConsumer<Note>
{
    public async Task OnNextAsync(IReadOnlyList<StreamEvent<Note>> events)
    {
        foreach (var streamEvent in events)
        {
            Probe.Record(GetPrimaryKeyString(), $"delivered:{streamEvent.StreamId}#{streamEvent.Sequence}");
            if (streamEvent.Item.Text == "poison")
            {
                throw new InvalidOperationException("poison note " + streamEvent.Sequence);
            }

            if (streamEvent.Item.Text == "slow" && GetPrimaryKeyString().EndsWith("-slow", StringComparison.Ordinal))
            {
                // Longer than the tests' delivery timeout.
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            if (state.State.Tracker.TryAccept(streamEvent))
            {
                var projected = streamEvent.Projected ? " (projected)" : "";
                state.State.Accepted.Add($"{streamEvent.StreamId}#{streamEvent.Sequence}:{streamEvent.Item.Text}{projected}");
            }
        }

        await state.WriteStateAsync();
    }

    public Task<string[]> Accepted() => Task.FromResult(state.State.Accepted.ToArray());
}
