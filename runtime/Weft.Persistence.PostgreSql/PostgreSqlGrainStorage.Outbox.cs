using System.Runtime.InteropServices;
using Npgsql;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.PostgreSql;

/// <remarks>
/// The outbox: the state write and the append commit in one transaction — the queue's next group commit, shared with
/// other outbox writes and appends of every partition, so many grains' posts cost one flush and a few statements. The
/// write is conditional; when it matches no row (a stale ETag) its events are not appended and no sequence number is
/// used. The state SQL lives in <see cref="OutboxStateTable"/>, the append SQL only in <see cref="PostgreSqlStreamQueue"/>.
/// </remarks>
public sealed partial class PostgreSqlGrainStorage : IOutboxGrainStorage
{
    /// <inheritdoc />
    /// <exception cref="GrainStorageException">PostgreSQL failed; the message names the setting to fix. Nothing was written.</exception>
    public async Task<OutboxWriteResult> WriteWithEventsAsync(
        GrainStateKey key,
        ReadOnlyMemory<byte> data,
        string? etag,
        IStreamQueue queue,
        StreamId streamId,
        IReadOnlyList<EncodedStreamEvent> events,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(events);
        if (queue is not PostgreSqlStreamQueue postgresQueue || postgresQueue.DatabaseIdentityKey != _databaseIdentity)
        {
            var where = queue is PostgreSqlStreamQueue other ? $"in PostgreSQL database {other.DatabaseIdentityKey}" : $"a {queue.GetType().Name}";
            throw new InvalidOperationException(
                $"Storage provider '{_name}' cannot write grain state {key} and publish to stream {streamId} in one transaction: the outbox " +
                $"needs the grain storage and the stream queue in one database, but the storage is in PostgreSQL database {_databaseIdentity} " +
                $"and the queue is {where}. Point {_settings}:ConnectionString and the stream provider's ConnectionString at the same database.");
        }

        var write = new OutboxStateWrite(_outboxTable, key, EncodeKey(key), ToArray(data), ParseEtag(key, etag));
        AppendOutcome outcome;
        try
        {
            outcome = await postgresQueue.AppendWithStateWriteAsync(streamId, events, write, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"publish {events.Count} event(s) to stream {streamId} and write", key);
        }

        return outcome.StateVersion is long newVersion
            ? new OutboxWriteResult(FormatEtag(newVersion), outcome.LastSequence)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
    }

    // The group statement takes an array of byte arrays; the codec's buffer is usually one already.
    private static byte[] ToArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
