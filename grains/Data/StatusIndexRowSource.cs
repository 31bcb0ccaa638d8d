using Weft.GrainInterfaces.Statuses;
using Weft.Runtime.Streams;

namespace Weft.Grains.Data;

/// <summary>
/// The index rows of the statuses an append of the status stream creates, for the stores' outbox projections (so a new
/// status is listed in its author's profile, its thread and the public and tag timelines as soon as posting returns);
/// the store's tables are created before the first rows are handed over.
/// </summary>
internal sealed class StatusIndexRowSource(ISocialStore store, StreamEventDecoder decoder)
{
    /// <summary>The rows of the created statuses among <paramref name="events"/>; empty when there are none.</summary>
    public async ValueTask<IReadOnlyList<StatusRow>> RowsAsync(IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        List<StatusRow>? rows = null;
        foreach (var encoded in events)
        {
            if (decoder.TryDecode<StatusEvent>(encoded, out var statusEvent) && statusEvent.Kind == StatusEventKind.Created)
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
