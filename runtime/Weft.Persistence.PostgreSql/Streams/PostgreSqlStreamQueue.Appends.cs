using System.Globalization;
using Npgsql;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>
/// Group commit of appends. Appends to one partition must commit one after another (the partition lock keeps ids in
/// commit order), so each would cost one disk flush. Instead, appends that arrive while a partition's previous group is
/// being written wait and go together: one lock, one insert per append, one commit and one flush for the whole group,
/// with each append still numbered in its stream in arrival order. A lone append is written at once.
/// Outbox writes (a grain state write with its events) join the same groups: their state writes run first in the
/// group's transaction, and only those that matched (the ETag held) get their events appended.
/// </summary>
public sealed partial class PostgreSqlStreamQueue
{
    private const int MaxAppendsPerGroup = 256;

    private readonly AppendGroup[] _appendGroups;

    /// <inheritdoc />
    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
        (await JoinGroupAsync(new PendingAppend(streamId, events, stateWrite: null), cancellationToken).ConfigureAwait(false)).LastSequence;

    /// <summary>
    /// Runs a grain state write and, if it matched a row, appends the events, in one transaction of the partition's next
    /// group. <paramref name="stateWrite"/> adds the write (returning the new version, or no row on a stale ETag) to the
    /// group's batch. The outcome's <see cref="AppendOutcome.StateVersion"/> is null when the write matched nothing;
    /// then no event was appended. Database failures surface as <see cref="NpgsqlException"/>.
    /// </summary>
    internal Task<AppendOutcome> AppendWithStateWriteAsync(
        StreamId streamId,
        IReadOnlyList<EncodedStreamEvent> events,
        Func<NpgsqlBatch, NpgsqlBatchCommand> stateWrite,
        CancellationToken cancellationToken) =>
        JoinGroupAsync(new PendingAppend(streamId, events, stateWrite), cancellationToken);

    private async Task<AppendOutcome> JoinGroupAsync(PendingAppend pending, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(pending.StreamId, pending.Events);
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

    // One round trip for the group, as one implicit transaction (a batch without an explicit one): the lock, every state
    // write, then the appends in arrival order, an outbox write's append guarded by its write having matched. Still one
    // flush for all of them; any failure rolls back the whole group.
    private async Task WriteGroupAsync(int partition, List<PendingAppend> appends)
    {
        var versions = new long?[appends.Count];
        var sequences = new long[appends.Count];
        try
        {
            var batch = _dataSource.CreateBatch();
            await using (batch.ConfigureAwait(false))
            {
                AddPartitionLockCommand(batch, partition);
                for (var i = 0; i < appends.Count; i++)
                {
                    if (appends[i].StateWrite is { } write)
                    {
                        batch.BatchCommands.Add(RecordingMatch(write(batch), MatchedSetting(i)));
                    }
                }

                for (var i = 0; i < appends.Count; i++)
                {
                    var append = appends[i];
                    AddAppendCommand(batch, append.StreamId, append.Events, partition, append.StateWrite is null ? null : MatchedSetting(i));
                }

                var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The reader starts at the lock's result; then each state write's, then each append's.
                    for (var i = 0; i < appends.Count; i++)
                    {
                        if (appends[i].StateWrite is not null)
                        {
                            await reader.NextResultAsync().ConfigureAwait(false);
                            versions[i] = await reader.ReadAsync().ConfigureAwait(false) ? reader.GetInt64(0) : null;
                        }
                    }

                    for (var i = 0; i < appends.Count; i++)
                    {
                        await reader.NextResultAsync().ConfigureAwait(false);
                        if (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            sequences[i] = reader.GetInt64(0);
                        }
                        else if (appends[i].StateWrite is null || versions[i] is not null)
                        {
                            throw new InvalidOperationException($"The append of stream {appends[i].StreamId} returned no sequence number.");
                        }
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Fail(appends, ex);
            return;
        }

        NotifyAppended(partition);
        for (var i = 0; i < appends.Count; i++)
        {
            appends[i].Completion.TrySetResult(new AppendOutcome(sequences[i], versions[i]));
        }
    }

    // A custom setting name is two identifiers with a dot; local settings end with the transaction. One per group slot.
    private static readonly string[] s_matchedSettings =
        [.. Enumerable.Range(0, MaxAppendsPerGroup).Select(i => string.Create(CultureInfo.InvariantCulture, $"weft.outbox_{i}"))];

    private static string MatchedSetting(int index) => s_matchedSettings[index];

    // Wraps a state write ("… RETURNING version") so that a matched write also records it for its append's guard.
    private static NpgsqlBatchCommand RecordingMatch(NpgsqlBatchCommand write, string setting)
    {
        write.CommandText = $"WITH written AS ({write.CommandText}) SELECT version, set_config('{setting}', 'matched', true) FROM written";
        return write;
    }

    // Plain appenders get a StreamPublishException naming the setting to fix; outbox writers get the driver's exception,
    // which their storage provider translates with the grain state's key.
    private void Fail(List<PendingAppend> appends, Exception ex)
    {
        foreach (var append in appends)
        {
            append.Completion.TrySetException(ex is NpgsqlException npgsql && append.StateWrite is null
                ? new StreamPublishException(
                    PostgreSqlErrors.Describe(npgsql, _errorContext, $"publish {append.Events.Count} event(s) to stream {append.StreamId}") +
                    " Nothing was published.",
                    npgsql)
                : ex);
        }
    }

    /// <summary>The appends of one partition waiting for the group being written.</summary>
    private sealed class AppendGroup
    {
        public Lock Gate { get; } = new();

        public List<PendingAppend> Waiting { get; } = [];

        public bool Writing { get; set; }
    }

    /// <summary>One caller's append (with its state write, for the outbox), completed once its group commits.</summary>
    private sealed class PendingAppend(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, Func<NpgsqlBatch, NpgsqlBatchCommand>? stateWrite)
    {
        public StreamId StreamId { get; } = streamId;

        public IReadOnlyList<EncodedStreamEvent> Events { get; } = events;

        public Func<NpgsqlBatch, NpgsqlBatchCommand>? StateWrite { get; } = stateWrite;

        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
