using Npgsql;
using NpgsqlTypes;
using Weft.Runtime.Streams;
using Weft.Streams;

namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>
/// Group commit of appends. Appends to one partition must commit one after another (the partition lock keeps ids in
/// commit order), so each would cost one disk flush and a few statements. Instead, appends that arrive while the
/// previous group is being written wait and go together, whatever their partitions: one round trip that takes the
/// group's partition locks (in ascending order, so groups of several silos cannot deadlock), writes the new states in
/// one statement per table (later writes one statement each) and appends every event in one statement, each stream's
/// events numbered in arrival order; one commit and one flush for all. A lone append is written at once.
/// Outbox writes (a grain state write with its events) join the same groups: only those whose state write matched (the
/// ETag held) get their events appended.
/// </summary>
public sealed partial class PostgreSqlStreamQueue
{
    private const int MaxAppendsPerGroup = 256;

    // Payload and state bytes per group: one caller's huge batch must not make the whole group's message unwieldy for
    // everyone (an append larger than this still goes, alone).
    private const long MaxBytesPerGroup = 8 * 1024 * 1024;

    private readonly AppendGroup _appendGroup = new();
    private readonly string _lockPartitionsSql;
    private readonly string _appendManySql;

    /// <inheritdoc />
    public async Task<long> AppendAsync(StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, CancellationToken cancellationToken) =>
        (await JoinGroupAsync(streamId, events, stateWrite: null, cancellationToken).ConfigureAwait(false)).LastSequence;

    /// <summary>
    /// Runs a grain state write and, if it matched a row, appends the events, in one transaction of the next group. The
    /// outcome's <see cref="AppendOutcome.StateVersion"/> is null when the write matched nothing; then no event was
    /// appended. Database failures surface as <see cref="NpgsqlException"/>.
    /// </summary>
    internal Task<AppendOutcome> AppendWithStateWriteAsync(
        StreamId streamId,
        IReadOnlyList<EncodedStreamEvent> events,
        OutboxStateWrite stateWrite,
        CancellationToken cancellationToken) =>
        JoinGroupAsync(streamId, events, stateWrite, cancellationToken);

    private async Task<AppendOutcome> JoinGroupAsync(
        StreamId streamId, IReadOnlyList<EncodedStreamEvent> events, OutboxStateWrite? stateWrite, CancellationToken cancellationToken)
    {
        // Checked here, so bad input fails its own caller and not the group it would have joined.
        var partition = PartitionOf(streamId, events);
        var (namespaceText, keyBytes) = EncodeStream(streamId);
        var projection = _projections.GetValueOrDefault(streamId.Namespace);
        PostgreSqlOutboxProjection.ProjectedRows? projected = null;
        if (projection is not null)
        {
            try
            {
                projected = await projection.ProjectRowsAsync(streamId, events, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex) when (stateWrite is null)
            {
                // An outbox writer's storage provider translates the driver's exception itself.
                throw PublishFailed(ex, streamId, events.Count);
            }
        }

        var pending = new PendingAppend(
            streamId, namespaceText, keyBytes, partition, events, stateWrite, projection is not null, projected is null ? null : (projection!, projected));
        var group = _appendGroup;
        bool startWriter;
        lock (group.Gate)
        {
            group.Waiting.Add(pending);
            startWriter = !group.Writing;
            group.Writing = true;
        }

        if (startWriter)
        {
            _ = WriteGroupsAsync(group);
        }

        return await pending.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes waiting appends, group after group, until none wait. Never throws: failures go to the appenders.</summary>
    private async Task WriteGroupsAsync(AppendGroup group)
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

                appends = TakeGroup(group.Waiting);
            }

            await WriteGroupAsync(appends).ConfigureAwait(false);
        }
    }

    // In arrival order, up to the group's size in appends and bytes; a second state write of a key already in the group
    // waits for the next one (one statement cannot tell two writes of a row apart; a grain writes once at a time, so
    // this is rare).
    private static List<PendingAppend> TakeGroup(List<PendingAppend> waiting)
    {
        var taken = new List<PendingAppend>(Math.Min(waiting.Count, MaxAppendsPerGroup));
        HashSet<(OutboxStateTable Table, GrainStateKey Key)>? stateKeys = null;
        var bytes = 0L;
        var kept = 0;
        for (var i = 0; i < waiting.Count; i++)
        {
            var append = waiting[i];
            var take = taken.Count < MaxAppendsPerGroup
                && (taken.Count == 0 || bytes + append.Bytes <= MaxBytesPerGroup)
                && (append.StateWrite is not { } write || (stateKeys ??= []).Add((write.Table, write.Key)));
            if (take)
            {
                taken.Add(append);
                bytes += append.Bytes;
            }
            else
            {
                waiting[kept++] = append;
            }
        }

        waiting.RemoveRange(kept, waiting.Count - kept);
        return taken;
    }

    // One round trip for the group, as one implicit transaction (a batch without an explicit one): the locks, the state
    // writes, then the appends. Still one flush for all of them; any failure rolls back the whole group.
    private async Task WriteGroupAsync(List<PendingAppend> appends)
    {
        var versions = new long?[appends.Count];
        var sequences = new long?[appends.Count];
        var partitions = appends.Select(a => a.Partition).Distinct().Order().ToArray();
        try
        {
            var batch = _dataSource.CreateBatch();
            await using (batch.ConfigureAwait(false))
            {
                var locks = batch.CreateBatchCommand();
                locks.CommandText = _lockPartitionsSql;
                locks.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _partitionLockClass, NpgsqlDbType = NpgsqlDbType.Integer });
                locks.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
                batch.BatchCommands.Add(locks);

                var stateStatements = 0;
                foreach (var (table, writes) in StateWritesByTable(appends))
                {
                    stateStatements += table.AddWrites(batch, writes);
                }

                batch.BatchCommands.Add(AppendManyCommand(batch, appends));
                AddProjections(batch, appends);

                var reader = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    // The reader starts at the locks' rows; then each state statement's (slot, version) rows; then the
                    // appends' (slot, last sequence) rows.
                    for (var statement = 0; statement < stateStatements; statement++)
                    {
                        await reader.NextResultAsync().ConfigureAwait(false);
                        while (await reader.ReadAsync().ConfigureAwait(false))
                        {
                            versions[reader.GetInt32(0)] = reader.GetInt64(1);
                        }
                    }

                    await reader.NextResultAsync().ConfigureAwait(false);
                    while (await reader.ReadAsync().ConfigureAwait(false))
                    {
                        sequences[reader.GetInt32(0)] = reader.GetInt64(1);
                    }

                    // The projections' statements return no rows; a failure among them surfaces here, before any
                    // appender is told its append was stored.
                    while (await reader.NextResultAsync().ConfigureAwait(false))
                    {
                    }
                }
            }
        }
        catch (Exception ex)
        {
            Fail(appends, ex);
            return;
        }

        // Committed: every append whose results agree gets them. One that does not (a defect, not a database failure)
        // is failed alone, saying that its outcome is unknown rather than that nothing was written.
        foreach (var partition in partitions)
        {
            NotifyAppended(partition);
        }

        for (var i = 0; i < appends.Count; i++)
        {
            var appended = appends[i].StateWrite is null || versions[i] is not null;
            if (appended == sequences[i].HasValue)
            {
                appends[i].Completion.TrySetResult(new AppendOutcome(sequences[i] ?? 0, versions[i]));
            }
            else
            {
                appends[i].Completion.TrySetException(new InvalidOperationException(
                    $"The group commit of stream {appends[i].StreamId} returned {(appended ? "no sequence number" : "a sequence number for an unmatched write")}; " +
                    "the group committed, so whether this append was stored is unknown."));
            }
        }
    }

    // One statement per projection with rows in the group, after the state writes whose matches guard them.
    private static void AddProjections(NpgsqlBatch batch, List<PendingAppend> appends)
    {
        Dictionary<PostgreSqlOutboxProjection, List<(int?, PostgreSqlOutboxProjection.ProjectedRows)>>? byProjection = null;
        for (var slot = 0; slot < appends.Count; slot++)
        {
            if (appends[slot].Projected is var (projection, rows))
            {
                byProjection ??= [];
                if (!byProjection.TryGetValue(projection, out var projected))
                {
                    byProjection[projection] = projected = [];
                }

                projected.Add((appends[slot].StateWrite is null ? null : slot, rows));
            }
        }

        foreach (var (projection, projected) in byProjection ?? [])
        {
            batch.BatchCommands.Add(projection.CreateGroupCommand(batch, projected));
        }
    }

    private static Dictionary<OutboxStateTable, List<(int Slot, OutboxStateWrite Write)>> StateWritesByTable(List<PendingAppend> appends)
    {
        var byTable = new Dictionary<OutboxStateTable, List<(int, OutboxStateWrite)>>();
        for (var slot = 0; slot < appends.Count; slot++)
        {
            if (appends[slot].StateWrite is { } write)
            {
                if (!byTable.TryGetValue(write.Table, out var writes))
                {
                    byTable[write.Table] = writes = [];
                }

                writes.Add((slot, write));
            }
        }

        return byTable;
    }

    // Every event of the group as one row each, in arrival order, with its append's slot: unmatched outbox writes'
    // rows are dropped by the statement, which then numbers each stream's events and returns each slot's last number.
    private NpgsqlBatchCommand AppendManyCommand(NpgsqlBatch batch, List<PendingAppend> appends)
    {
        var count = appends.Sum(a => a.Events.Count);
        var slots = new int[count];
        var guarded = new bool[count];
        var partitions = new int[count];
        var namespaces = new string[count];
        var keys = new byte[count][];
        var eventTypes = new string[count];
        var payloads = new byte[count][];
        var projected = new bool[count];
        var row = 0;
        for (var slot = 0; slot < appends.Count; slot++)
        {
            var append = appends[slot];
            foreach (var streamEvent in append.Events)
            {
                (slots[row], guarded[row], partitions[row], namespaces[row], keys[row], eventTypes[row], payloads[row], projected[row]) =
                    (slot, append.StateWrite is not null, append.Partition, append.Namespace, append.KeyBytes, streamEvent.EventType, streamEvent.Payload, append.HasProjection);
                row++;
            }
        }

        var command = batch.CreateBatchCommand();
        command.CommandText = _appendManySql;
        var parameters = command.Parameters;
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = slots, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = guarded, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        parameters.Add(new NpgsqlParameter<int[]> { TypedValue = partitions, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = namespaces, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<string[]> { TypedValue = eventTypes, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = projected, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Boolean });
        return command;
    }

    // Plain appenders get a StreamPublishException naming the setting to fix; outbox writers get the driver's exception,
    // which their storage provider translates with the grain state's key.
    private void Fail(List<PendingAppend> appends, Exception ex)
    {
        foreach (var append in appends)
        {
            append.Completion.TrySetException(ex is NpgsqlException npgsql && append.StateWrite is null
                ? PublishFailed(npgsql, append.StreamId, append.Events.Count)
                : ex);
        }
    }

    private StreamPublishException PublishFailed(NpgsqlException ex, StreamId streamId, int eventCount) =>
        new(PostgreSqlErrors.Describe(ex, _errorContext, $"publish {eventCount} event(s) to stream {streamId}") + " Nothing was published.", ex);

    /// <summary>The appends waiting for the group being written.</summary>
    private sealed class AppendGroup
    {
        public Lock Gate { get; } = new();

        public List<PendingAppend> Waiting { get; } = [];

        public bool Writing { get; set; }
    }

    /// <summary>One caller's append (with its state write, for the outbox), completed once its group commits.</summary>
    private sealed class PendingAppend(
        StreamId streamId,
        string namespaceText,
        byte[] keyBytes,
        int partition,
        IReadOnlyList<EncodedStreamEvent> events,
        OutboxStateWrite? stateWrite,
        bool hasProjection,
        (PostgreSqlOutboxProjection Projection, PostgreSqlOutboxProjection.ProjectedRows Rows)? projected)
    {
        public StreamId StreamId { get; } = streamId;

        public string Namespace { get; } = namespaceText;

        public byte[] KeyBytes { get; } = keyBytes;

        public int Partition { get; } = partition;

        public IReadOnlyList<EncodedStreamEvent> Events { get; } = events;

        public OutboxStateWrite? StateWrite { get; } = stateWrite;

        /// <summary>Whether its namespace has a projection (which ran, whether or not it made rows): stored with its events.</summary>
        public bool HasProjection { get; } = hasProjection;

        /// <summary>The rows its namespace's projection made of its events, if any.</summary>
        public (PostgreSqlOutboxProjection Projection, PostgreSqlOutboxProjection.ProjectedRows Rows)? Projected { get; } = projected;

        /// <summary>Payload and state bytes, for the group's size limit.</summary>
        public long Bytes { get; } = events.Sum(e => (long)e.Payload.Length) + (stateWrite?.Data.Length ?? 0);

        public TaskCompletionSource<AppendOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
