using Npgsql;
using NpgsqlTypes;
using Weft.Persistence.PostgreSql.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.PostgreSql;

/// <remarks>
/// The outbox: the state write and the append run in one transaction on one connection, sent as one batch (the
/// conditional write, then the queue's own append commands, so the append SQL lives only in
/// <see cref="PostgreSqlStreamQueue"/>), then committed — or rolled back when the write matched no row (a stale
/// ETag), so no event is stored and no sequence number is used.
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
        long? version = null;
        long lastSequence;
        int partition;
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var batch = new NpgsqlBatch(connection, transaction))
            {
                var write = batch.CreateBatchCommand();
                write.CommandText = expected is null ? _insertSql : _updateSql;
                AddKey(write.Parameters, key, keyBytes);
                write.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Bytea });
                if (expected is { } v)
                {
                    write.Parameters.Add(new NpgsqlParameter<long> { TypedValue = v, NpgsqlDbType = NpgsqlDbType.Bigint });
                }

                batch.BatchCommands.Add(write);
                partition = postgresQueue.AddAppendCommands(batch, streamId, events);

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    version = reader.GetInt64(0);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                lastSequence = await PostgreSqlStreamQueue.ReadAppendResultAsync(reader, cancellationToken).ConfigureAwait(false);
            }

            if (version is null)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                postgresQueue.NotifyAppended(partition);
            }
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"publish {events.Count} event(s) to stream {streamId} and write", key);
        }

        return version is long newVersion
            ? new OutboxWriteResult(FormatEtag(newVersion), lastSequence)
            : throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
    }
}
