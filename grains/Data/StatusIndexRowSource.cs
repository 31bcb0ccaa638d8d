using Weft.GrainInterfaces.Statuses;
using Weft.Runtime.Streams;

namespace Weft.Grains.Data;

/// <summary>
/// The index rows of the statuses an append of the status stream creates or edits, for the stores' outbox projections
/// (so a post or an edit shows in its author's profile, its thread and the public and tag timelines as soon as it is
/// answered); each carries its status's version, so an edit replaces the mentions and hashtags indexed before it. The
/// store's tables are created before the first rows are handed over.
/// </summary>
internal sealed class StatusIndexRowSource(ISocialStore store, StreamEventDecoder decoder)
{
    /// <summary>The rows of the created and edited statuses among <paramref name="events"/>, in order; empty when there are none.</summary>
    public async ValueTask<IReadOnlyList<StatusRow>> RowsAsync(IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        List<StatusRow>? rows = null;
        foreach (var encoded in events)
        {
            if (decoder.TryDecode<StatusEvent>(encoded, out var statusEvent) && statusEvent.Kind is StatusEventKind.Created or StatusEventKind.Edited)
            {
                (rows ??= []).Add(StatusRow.From(statusEvent.Status));
            }
        }

        if (rows is null)
        {
            return [];
        }

        // Once per store: completes at once after the first time.
        await store.EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }
}
