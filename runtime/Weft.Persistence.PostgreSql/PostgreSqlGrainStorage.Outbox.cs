using Npgsql;
using NpgsqlTypes;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.PostgreSql;

/// <remarks>
/// The outbox: the state write and the append commit in one transaction — the queue's next group commit for the stream's
/// partition, shared with other outbox writes and appends, so many grains' posts cost one flush. The write is
/// conditional; when it matches no row (a stale ETag) its events are not appended and no sequence number is used. The
/// append SQL lives only in <see cref="PostgreSqlStreamQueue"/>.
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

        var expected = ParseEtag(key, etag);
        var keyBytes = EncodeKey(key);
        AppendOutcome outcome;
        try
        {
            outcome = await postgresQueue.AppendWithStateWriteAsync(streamId, events, AddWrite, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"publish {events.Count} event(s) to stream {streamId} and write", key);
        }

        return outcome.StateVersion is long newVersion
            ? new OutboxWriteResult(FormatEtag(newVersion), outcome.LastSequence)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);

        NpgsqlBatchCommand AddWrite(NpgsqlBatch batch)
        {
            var write = batch.CreateBatchCommand();
            write.CommandText = expected is null ? _insertSql : _updateSql;
            AddKey(write.Parameters, key, keyBytes);
            write.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
            if (expected is { } v)
            {
                write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = v, NpgsqlDbType = NpgsqlDbType.Bigint });
            }

            return write;
        }
    }
}
