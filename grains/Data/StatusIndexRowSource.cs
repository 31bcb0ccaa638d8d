using Weft.GrainInterfaces.Statuses;
using Weft.Runtime.Streams;

namespace Weft.Grains.Data;

/// <summary>
/// The index changes an append of the status stream makes, for the stores' outbox projections: created statuses' rows
/// and edited statuses' mentions and hashtags, so a post or an edit shows in its author's profile, its thread and the
/// public and tag timelines as soon as it is answered. The store's tables are created before the first changes are
/// handed over.
/// </summary>
internal sealed class StatusIndexRowSource(ISocialStore store, StreamEventDecoder decoder)
{
    /// <summary>The index changes of the created and edited statuses among <paramref name="events"/>, in order; empty when there are none.</summary>
    public async ValueTask<IReadOnlyList<StatusIndexChange>> ChangesAsync(IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        List<StatusIndexChange>? changes = null;
        foreach (var encoded in events)
        {
            if (decoder.TryDecode<StatusEvent>(encoded, out var statusEvent) && IsIndexed(statusEvent.Kind))
            {
                (changes ??= []).Add(new StatusIndexChange(StatusRow.From(statusEvent.Status), statusEvent.Kind == StatusEventKind.Edited));
            }
        }

        if (changes is null)
        {
            return [];
        }

        // Once per store: completes at once after the first time.
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return changes;
    }

    /// <summary>Whether the projections index events of <paramref name="kind"/>; the fan-out indexes the others (deletions).</summary>
    private static bool IsIndexed(StatusEventKind kind) => kind is StatusEventKind.Created or StatusEventKind.Edited;
}
