using Microsoft.Data.Sqlite;
using Weft.Persistence.Sqlite.Streams;
using Weft.Runtime.Streams;
using Weft.Streams;
using static Weft.Runtime.Persistence.GrainStateVersions;

namespace Weft.Persistence.Sqlite;

public sealed partial class SqliteGrainStorage
{
    /// <summary>
    /// Writes the state (as <see cref="WriteAsync"/>) and appends the events (as <see cref="SqliteStreamQueue.AppendAsync"/>,
    /// with the same statements) in one transaction on the file's shared write connection: both or neither.
    /// </summary>
    /// <exception cref="InconsistentStateException">The stored ETag differs; no event was appended.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="queue"/> is not a <see cref="SqliteStreamQueue"/> on this file.</exception>
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
        if (queue is not SqliteStreamQueue sqliteQueue || !SqliteWriter.PathComparer.Equals(sqliteQueue.DatabasePath, _path))
        {
            var where = queue is SqliteStreamQueue other ? $"SQLite file {other.DatabasePath}" : $"a {queue.GetType().Name}";
            throw new InvalidOperationException(
                $"Storage provider '{_name}' cannot write grain state {key} and publish to stream {streamId} in one transaction: the outbox " +
                $"needs the state and the stream queue in one database, but the state is in SQLite file {_path} and the queue in {where}. " +
                $"Point the stream provider's ConnectionString at {_settings}:ConnectionString's file.");
        }

        PreparedAppend append;
        try
        {
            append = await sqliteQueue.PrepareAppendAsync(streamId, events, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, $"write (with events of stream {streamId})", key);
        }

        var expected = ParseEtag(key, etag);
        var keyBytes = EncodeKey(key);
        object? version;
        long lastSequence = 0;
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteCommand? command = null;
        try
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            await sqliteQueue.EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = _preparedOn!.BeginTransaction();
            command = expected is null ? _insert! : _update!;
            command.Transaction = transaction;
            SetKey(command, key, keyBytes);
            SetData(command.Parameters["$data"], data);
            if (expected is { } v)
            {
                command.Parameters["$version"].Value = v;
            }

            version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (version is long)
            {
                lastSequence = await sqliteQueue.AppendLockedAsync(transaction, append, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, $"write (with events of stream {streamId})", key);
        }
        finally
        {
            if (command is not null)
            {
                command.Transaction = null;
            }

            _writeGate.Release();
        }

        if (version is not long newVersion)
        {
            throw await ConflictAsync(key, etag, cancellationToken).ConfigureAwait(false);
        }

        sqliteQueue.RaiseAppended(append.Partition);
        return new OutboxWriteResult(FormatEtag(newVersion), lastSequence);
    }
}
