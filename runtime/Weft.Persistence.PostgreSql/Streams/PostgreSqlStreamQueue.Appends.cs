using Npgsql;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>
/// Group commit of appends. Appends to one partition must commit one after another (the partition lock keeps ids in
/// commit order), so each would cost one disk flush. Instead, appends that arrive while a partition's previous group is
/// being written wait and go together: one lock, one insert per append, one commit and one flush for the whole group,
/// with each append still numbered in its stream in arrival order. A lone append is written at once.
/// </summary>
public sealed partial class PostgreSqlStreamQueue
{
    private const int MaxAppendsPerGroup = 256;

    private readonly AppendGroup[] _appendGroups;

    /// <inheritdoc />
    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(streamId, events);
        var pending = new PendingAppend(streamId, events);
        var group = _appendGroups[partition];
        bool startWriter;
        lock (group.Gate)
        {
            group.Waiting.Add(pending);
            startWriter = !group.Writing;
            group.Writing = true;
        }

        if (startWriter)
        {
            _ = WriteGroupsAsync(partition, group);
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes waiting appends, group after group, until none wait. Never throws: failures go to the appenders.</summary>
    private async Task WriteGroupsAsync(int partition, AppendGroup group)
    {
        while (true)
        {
            List<PendingAppend> appends;
            lock (group.Gate)
            {
                if (group.Waiting.Count == 0)
                {
                    group.Writing = false;
                    return;
                }

                var take = Math.Min(group.Waiting.Count, MaxAppendsPerGroup);
                appends = group.Waiting.GetRange(0, take);
                group.Waiting.RemoveRange(0, take);
            }

            await WriteGroupAsync(partition, appends).ConfigureAwait(false);
        }
    }

    private async Task WriteGroupAsync(int partition, List<PendingAppend> appends)
    {
        var sequences = new long[appends.Count];
        try
        {
            var batch = _dataSource.CreateBatch();
            await using (batch.ConfigureAwait(false))
            {
                AddPartitionLockCommand(batch, partition);
                foreach (var append in appends)
                {
                    AddAppendCommand(batch, append.StreamId, append.Events, partition);
                }

                // Without an explicit transaction the batch runs in one implicit transaction: one round trip, atomic.
                var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    for (var i = 0; i < appends.Count; i++)
                    {
                        await reader.NextResultAsync().ConfigureAwait(false);
                        await reader.ReadAsync().ConfigureAwait(false);
                        sequences[i] = reader.GetInt64(0);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            foreach (var append in appends)
            {
                append.Completion.TrySetException(ex is NpgsqlException npgsql
                    ? new StreamPublishException(
                        PostgreSqlErrors.Describe(npgsql, _errorContext, $"publish {append.Events.Count} event(s) to stream {append.StreamId}") +
                        " Nothing was published.",
                        npgsql)
                    : ex);
            }

            return;
        }

        NotifyAppended(partition);
        for (var i = 0; i < appends.Count; i++)
        {
            appends[i].Completion.TrySetResult(sequences[i]);
        }
    }

    /// <summary>The appends of one partition waiting for the group being written.</summary>
    private sealed class AppendGroup
    {
        public Lock Gate { get; } = new();

        public List<PendingAppend> Waiting { get; } = [];

        public bool Writing { get; set; }
    }

    /// <summary>One caller's append, completed with its stream's last sequence once its group commits.</summary>
    private sealed class PendingAppend(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events)
    {
        public StreamId StreamId { get; } = streamId;

        public IReadOnlyList<EncodedStreamEvent> Events { get; } = events;

        public TaskCompletionSource<long> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
