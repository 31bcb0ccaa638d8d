using System.Collections.Immutable;
using Weft.GrainInterfaces.Markers;

namespace Weft.Grains.Markers;

/// <summary>One user's read markers, written before they are answered, so a marker another device reads is durable.</summary>
public sealed class MarkersGrain(
    [PersistentState("markers", "Default")] IPersistentState<MarkersState> state,
    TimeProvider timeProvider) : Grain, IMarkersGrain
{
    public Task<ImmutableDictionary<string, Marker>> GetAsync() => Task.FromResult(state.State.Markers.ToImmutableDictionary());

    public Task<long?> GetLastReadIdAsync(string timeline) =>
        Task.FromResult(state.State.Markers.TryGetValue(timeline, out var marker) ? marker.LastReadId : (long?)null);

    public async Task<ImmutableDictionary<string, Marker>> SetAsync(ImmutableDictionary<string, long> lastReadIds)
    {
        ArgumentNullException.ThrowIfNull(lastReadIds);
        var before = new Dictionary<string, Marker>(state.State.Markers);
        var now = timeProvider.GetUtcNow();
        foreach (var (timeline, lastReadId) in lastReadIds)
        {
            var version = before.TryGetValue(timeline, out var previous) ? previous.Version + 1 : 1;
            state.State.Markers[timeline] = new Marker(lastReadId, version, now);
        }

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Markers = before;
            throw;
        }

        return state.State.Markers.ToImmutableDictionary();
    }
}
