using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <remarks>
/// Leases live in <c>stream_partitions</c>, one row per partition, and expire by the database's clock (<c>now()</c>),
/// so silos with drifting clocks agree. Every acquisition — including the same owner acquiring again, for example a
/// restarted silo with the same name — bumps the epoch, which fences out whoever held an older lease object: renew,
/// commit and release all require the owner and the epoch to match. Extending a lease is <see cref="RenewAsync"/>,
/// which keeps the epoch. A lease that expired but that nobody took is still the holder's: renewing or committing it
/// succeeds, which is safe because nobody else read the partition meanwhile.
/// </remarks>
public sealed partial class PostgreSqlStreamQueue
{
    private readonly string _acquireSql;
    private readonly string _renewSql;
    private readonly string _releaseSql;
    private readonly string _commitSql;

    /// <inheritdoc />
    public async Task<PartitionLease?> TryAcquireAsync(int partition, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        CheckPartition(partition);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        try
        {
            await using var command = _dataSource.CreateCommand(_acquireSql);
            AddPartitionAndOwner(command, partition, owner);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration, NpgsqlDbType = NpgsqlDbType.Interval });
            return await ReadLeaseAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"acquire the lease of partition {partition.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <inheritdoc />
    public async Task<PartitionLease?> RenewAsync(PartitionLease lease, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        try
        {
            await using var command = _bookkeepingDataSource.CreateCommand(_renewSql);
            AddLease(command, lease);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = duration, NpgsqlDbType = NpgsqlDbType.Interval });
            return await ReadLeaseAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"renew the lease of partition {lease.Partition.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(PartitionLease lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await using var command = _dataSource.CreateCommand(_releaseSql);
            AddLease(command, lease);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"release the lease of partition {lease.Partition.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// One statement: the checkpoint moves (never backwards) and the events up to it are deleted only if the lease is
    /// still held. The returned lease carries the new checkpoint; its expiry is unchanged (renewing is separate).
    /// </remarks>
    public async Task<PartitionLease?> CommitAsync(PartitionLease lease, long checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        try
        {
            await using var command = _bookkeepingDataSource.CreateCommand(_commitSql);
            AddLease(command, lease);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = checkpoint, NpgsqlDbType = NpgsqlDbType.Bigint });
            return await ReadLeaseAsync(command, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw Translate(ex, $"commit the checkpoint of partition {lease.Partition.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void AddPartitionAndOwner(NpgsqlCommand command, int partition, string owner)
    {
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = partition, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private static void AddLease(NpgsqlCommand command, PartitionLease lease)
    {
        AddPartitionAndOwner(command, lease.Partition, lease.Owner);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.Epoch, NpgsqlDbType = NpgsqlDbType.Bigint });
    }

    private static async Task<PartitionLease?> ReadLeaseAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PartitionLease(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }
}
