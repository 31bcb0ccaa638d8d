using Microsoft.Data.Sqlite;
using Weft.Runtime.Streams;

namespace Weft.Persistence.Sqlite.Streams;

public sealed partial class SqliteStreamQueue
{
    // A lease row is created by its partition's first acquisition; every acquisition raises the epoch, so a commit or
    // renewal carrying an older epoch (an agent that lost the lease and does not know it yet) matches no row.
    private const string AcquireSql =
        "INSERT INTO stream_partitions (partition, owner, epoch, checkpoint, expires_at) VALUES ($partition, $owner, 1, 0, $expires_at) " +
        "ON CONFLICT (partition) DO UPDATE SET owner = excluded.owner, epoch = epoch + 1, expires_at = excluded.expires_at " +
        "WHERE owner IS NULL OR owner = excluded.owner OR expires_at <= $now " +
        "RETURNING epoch, checkpoint, expires_at";

    private const string HeldSql = "partition = $partition AND owner = $owner AND epoch = $epoch";

    /// <inheritdoc />
    public async Task<PartitionLease?> TryAcquireAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return await ChangeLeaseAsync(partition, owner, epoch: null, AcquireSql, duration, $"acquire partition {partition}", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PartitionLease?> RenewAsync(PartitionLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        CheckLease(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        return await ChangeLeaseAsync(
            lease.Partition,
            lease.Owner,
            lease.Epoch,
            $"UPDATE stream_partitions SET expires_at = $expires_at WHERE {HeldSql} RETURNING epoch, checkpoint, expires_at",
            duration,
            $"renew the lease of partition {lease.Partition}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(PartitionLease lease, CancellationToken cancellationToken)
    {
        CheckLease(lease);
        await ChangeLeaseAsync(
            lease.Partition,
            lease.Owner,
            lease.Epoch,
            $"UPDATE stream_partitions SET owner = NULL, expires_at = $now WHERE {HeldSql} RETURNING epoch, checkpoint, expires_at",
            TimeSpan.Zero,
            $"release the lease of partition {lease.Partition}",
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<PartitionLease?> CommitAsync(PartitionLease lease, long checkpoint, CancellationToken cancellationToken)
    {
        CheckLease(lease);
        ArgumentOutOfRangeException.ThrowIfNegative(checkpoint);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = _preparedOn!.BeginTransaction();
            PartitionLease? committed;
            await using (var command = _preparedOn.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText =
                    $"UPDATE stream_partitions SET checkpoint = max(checkpoint, $checkpoint) WHERE {HeldSql} RETURNING epoch, checkpoint, expires_at";
                AddLease(command, lease.Partition, lease.Owner, lease.Epoch);
                command.Parameters.Add("$checkpoint", SqliteType.Integer).Value = checkpoint;
                committed = await ReadLeaseAsync(command, lease.Partition, lease.Owner, cancellationToken).ConfigureAwait(false);
            }

            if (committed is null)
            {
                return null;
            }

            await using (var command = _preparedOn.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM stream_events WHERE partition = $partition AND id <= $checkpoint";
                command.Parameters.Add("$partition", SqliteType.Integer).Value = lease.Partition;
                command.Parameters.Add("$checkpoint", SqliteType.Integer).Value = committed.Checkpoint;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return committed;
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, $"commit partition {lease.Partition}");
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Runs one lease statement under the write gate; null when it matched no row.</summary>
    private async Task<PartitionLease?> ChangeLeaseAsync(
        int partition, string owner, long? epoch, string sql, TimeSpan duration, string operation, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureReadyLockedAsync(cancellationToken).ConfigureAwait(false);
            var now = _timeProvider.GetUtcNow();
            await using var command = _preparedOn!.CreateCommand();
            command.CommandText = sql;
            AddLease(command, partition, owner, epoch ?? 0);
            command.Parameters.Add("$now", SqliteType.Integer).Value = now.ToUnixTimeMilliseconds();
            command.Parameters.Add("$expires_at", SqliteType.Integer).Value = (now + duration).ToUnixTimeMilliseconds();
            return await ReadLeaseAsync(command, partition, owner, cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw Translate(ex, operation);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task<PartitionLease?> ReadLeaseAsync(SqliteCommand command, int partition, string owner, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PartitionLease(partition, owner, reader.GetInt64(0), reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)))
            : null;
    }

    private static void AddLease(SqliteCommand command, int partition, string owner, long epoch)
    {
        command.Parameters.Add("$partition", SqliteType.Integer).Value = partition;
        command.Parameters.Add("$owner", SqliteType.Text).Value = owner;
        command.Parameters.Add("$epoch", SqliteType.Integer).Value = epoch;
    }

    private void CheckLease(PartitionLease lease)
    {
        ArgumentNullException.ThrowIfNull(lease);
        CheckPartition(lease.Partition);
        ArgumentException.ThrowIfNullOrEmpty(lease.Owner, nameof(lease));
    }
}
