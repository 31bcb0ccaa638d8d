using Npgsql;
using NpgsqlTypes;

namespace Weft.Persistence.PostgreSql;

/// <summary>
/// The grain-state half of an outbox group commit, for one state table: the statements that write the group's states,
/// each write that matched (its ETag held) recording a transaction-local setting named after its slot in the group,
/// which the group's append statement checks. Statements of one batch cannot see each other's results otherwise.
/// The storage owns this SQL; the stream queue adds it to its group's batch.
/// </summary>
internal sealed class OutboxStateTable
{
    /// <summary>A slot's setting is this prefix and the slot number; a custom setting needs a dot in its name.</summary>
    public const string SlotSettingPrefix = "weft.outbox_";

    private readonly string _insertManySql;
    private readonly string _updateSql;

    /// <param name="qualifiedTable">The storage's table.</param>
    /// <param name="updateSql">
    /// The storage's conditional update ($1–$3 the key, $4 the data, $5 the expected version, "RETURNING version").
    /// </param>
    public OutboxStateTable(string qualifiedTable, string updateSql)
    {
        QualifiedTable = qualifiedTable;

        // First writes of many grains in one statement (a burst of new statuses), rows in key order so two silos
        // inserting the same keys wait for each other instead of deadlocking. A row that exists already is left alone
        // and reports nothing: that write's ETag did not hold. Keys are unique within a group.
        _insertManySql = $"""
            WITH q AS (
                SELECT * FROM unnest($1::int[], $2::text[], $3::bytea[], $4::text[], $5::bytea[])
                    AS q(slot, grain_type, grain_key, state_name, data)
            ), written AS (
                INSERT INTO {qualifiedTable} (grain_type, grain_key, state_name, data, version, modified_at)
                SELECT grain_type, grain_key, state_name, data, 1, now() FROM q ORDER BY grain_type, grain_key, state_name
                ON CONFLICT (grain_type, grain_key, state_name) DO NOTHING
                RETURNING grain_type, grain_key, state_name, version
            )
            SELECT q.slot, w.version, set_config('{SlotSettingPrefix}' || q.slot, 'matched', true)
              FROM written w JOIN q ON q.grain_type = w.grain_type AND q.grain_key = w.grain_key AND q.state_name = w.state_name
            """;

        // Later writes one statement each, the storage's own update: a primary-key lookup whatever the plan, and they
        // are rare on the hot path.
        _updateSql = $"""
            WITH written AS ({updateSql})
            SELECT $6::int, version, set_config('{SlotSettingPrefix}' || $6::int, 'matched', true) FROM written
            """;
    }

    /// <summary>The schema-qualified, quoted table name.</summary>
    public string QualifiedTable { get; }

    /// <summary>
    /// Adds the statements for <paramref name="writes"/> (slot in the group, write) to <paramref name="batch"/>. Each
    /// returns one row (slot, new version) per write that matched. Returns how many statements were added.
    /// </summary>
    public int AddWrites(NpgsqlBatch batch, IReadOnlyList<(int Slot, OutboxStateWrite Write)> writes)
    {
        var added = 0;
        var inserts = writes.Where(w => w.Write.ExpectedVersion is null).ToList();
        if (inserts.Count > 0)
        {
            var slots = new int[inserts.Count];
            var types = new string[inserts.Count];
            var keys = new byte[inserts.Count][];
            var names = new string[inserts.Count];
            var data = new byte[inserts.Count][];
            for (var i = 0; i < inserts.Count; i++)
            {
                var (slot, write) = inserts[i];
                (slots[i], types[i], keys[i], names[i], data[i]) = (slot, write.Key.GrainType, write.KeyBytes, write.Key.StateName, write.Data);
            }

            var insert = batch.CreateBatchCommand();
            insert.CommandText = _insertManySql;
            insert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = slots, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = types, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = names, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
            batch.BatchCommands.Add(insert);
            added++;
        }

        // In one key order on every silo: two silos' groups updating the same rows (a grain active on both at once)
        // then wait for each other instead of deadlocking.
        foreach (var (slot, write) in writes.Where(w => w.Write.ExpectedVersion is not null).OrderBy(w => w.Write, KeyOrder.Instance))
        {
            var expected = write.ExpectedVersion!.Value;

            var update = batch.CreateBatchCommand();
            update.CommandText = _updateSql;
            var parameters = update.Parameters;
            parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Key.GrainType, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.KeyBytes, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<string> { TypedValue = write.Key.StateName, NpgsqlDbType = NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.Data, NpgsqlDbType = NpgsqlDbType.Bytea });
            parameters.Add(new NpgsqlParameter<long> { TypedValue = expected, NpgsqlDbType = NpgsqlDbType.Bigint });
            parameters.Add(new NpgsqlParameter<int> { TypedValue = slot, NpgsqlDbType = NpgsqlDbType.Integer });
            batch.BatchCommands.Add(update);
            added++;
        }

        return added;
    }
}

/// <summary>One order of state keys, the same on every silo (ordinal text, then key bytes), for taking row locks.</summary>
internal sealed class KeyOrder : IComparer<OutboxStateWrite>
{
    public static readonly KeyOrder Instance = new();

    public int Compare(OutboxStateWrite? x, OutboxStateWrite? y)
    {
        var type = string.CompareOrdinal(x!.Key.GrainType, y!.Key.GrainType);
        if (type != 0)
        {
            return type;
        }

        var key = x.KeyBytes.AsSpan().SequenceCompareTo(y.KeyBytes);
        return key != 0 ? key : string.CompareOrdinal(x.Key.StateName, y.Key.StateName);
    }
}

/// <summary>One outbox write's state half: the row to write and the version it expects (null: no row yet).</summary>
internal sealed record OutboxStateWrite(OutboxStateTable Table, GrainStateKey Key, byte[] KeyBytes, byte[] Data, long? ExpectedVersion);
