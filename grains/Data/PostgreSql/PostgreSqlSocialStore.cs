using System.Data.Common;
using Npgsql;
using Weft.Runtime.Persistence;

namespace Weft.Grains.Data.PostgreSql;

/// <summary>
/// The social store on PostgreSQL: tables in schema <c>weft</c> (see grains/Data/README.md), one
/// <see cref="NpgsqlDataSource"/>, parameterized statements that Npgsql prepares automatically per connection. Writes
/// are single idempotent statements (<c>ON CONFLICT DO NOTHING</c>); the schema is created on first use.
/// </summary>
public sealed partial class PostgreSqlSocialStore : ISocialStore, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly SchemaOnce _schema;
    private readonly RequestCombiner<IReadOnlyList<StatusRow>, bool> _statusUpserts;
    private readonly RequestCombiner<(long AccountId, long After, int Limit), List<FollowerRow>> _followerPages;

    /// <summary>Connections the store opens at most unless its connection string sets Maximum Pool Size.</summary>
    public const int MaxPoolSize = 20;

    /// <summary>Creates the store; nothing is opened until the first call.</summary>
    /// <param name="connectionString">An Npgsql connection string (the <c>Default</c> grain storage's).</param>
    /// <exception cref="ArgumentException">The connection string is malformed.</exception>
    public PostgreSqlSocialStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            // The store runs a few dozen distinct statements; prepared once per physical connection.
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("Maximum Pool Size") && !given.ContainsKey("Max Pool Size") && !given.ContainsKey("MaxPoolSize"))
        {
            // Npgsql's 100 alone would fill a default server (max_connections 100); the runtime bounds its pools the
            // same way (PostgreSqlPoolSizes), and docs/architecture.md adds them up.
            builder.ConnectionStringBuilder.MaxPoolSize = MaxPoolSize;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            // The store changes no session state (only transaction-local settings), so a pooled connection needs no reset: without this
            // Npgsql runs seven reset statements (RESET ALL, DISCARD …) before each reuse, twice per post.
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        _dataSource = builder.Build();
        _schema = new SchemaOnce(CreateSchemaAsync);
        _statusUpserts = new RequestCombiner<IReadOnlyList<StatusRow>, bool>(UpsertStatusBatchAsync, maxBatchSize: 256);
        _followerPages = new RequestCombiner<(long, long, int), List<FollowerRow>>(ListFollowerPagesAsync, maxBatchSize: 256, maxBatchesInFlight: 2);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        _schema.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _dataSource.Dispose();
        _schema.Dispose();
    }

    private static NpgsqlParameter<long> Long(long value) => new() { TypedValue = value };

    private static NpgsqlParameter<int> Int(int value) => new() { TypedValue = value };

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private static NpgsqlParameter<bool> Bool(bool value) => new() { TypedValue = value };

    private static NpgsqlParameter<long[]> Longs(IReadOnlyList<long> values) => new() { TypedValue = ToArray(values) };

    private static long[] ToArray(IReadOnlyList<long> values)
    {
        if (values is long[] array)
        {
            return array;
        }

        var copy = new long[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = values[i];
        }

        return copy;
    }

    /// <summary>A command on the data source (it takes a pooled connection) with its parameters, after the schema exists.</summary>
    private async ValueTask<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var command = _dataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>
    /// A batch of statements that each take the one id as $1, run in one round trip after the schema exists: what a grain
    /// loads when it activates.
    /// </summary>
    private async ValueTask<NpgsqlBatch> BatchForIdAsync(long id, CancellationToken cancellationToken, params string[] statements)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        var batch = _dataSource.CreateBatch();
        foreach (var sql in statements)
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(Long(id));
            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a write of derived data — rows the status fan-out rebuilds from the durable stream — without waiting for the
    /// disk. Safe because the stream's checkpoint commits after it: WAL is replayed in order, so a checkpoint that
    /// survives a crash implies this write survived too, and an unsurvived write is redelivered and redone.
    /// </summary>
    private Task ExecuteDerivedAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var write = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            write.Parameters.Add(parameter);
        }

        return ExecuteDerivedAsync(write, cancellationToken);
    }

    private async Task ExecuteDerivedAsync(NpgsqlBatchCommand write, CancellationToken cancellationToken)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        batch.BatchCommands.Add(write);

        // A batch without a transaction runs as one implicit transaction, so the transaction-local setting covers the
        // write (set_config, not SET LOCAL, which the server warns about outside an explicit transaction block).
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> ScalarLongAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Reads the first column of every row as a long.</summary>
    private async Task<List<long>> ReadIdsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>
    /// <see cref="ReadIdsAsync"/> planned for its parameters on every execution: for queries whose best plan depends on
    /// the values (a rare tag is best read from its key, a common one by walking the newest statuses), where the
    /// prepared statement's generic plan, chosen once for all values, is slow for some.
    /// </summary>
    private async Task<List<long>> ReadIdsPlannedPerValueAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await _schema.EnsureAsync(cancellationToken).ConfigureAwait(false);
        await using var batch = _dataSource.CreateBatch();

        // One round trip in one implicit transaction, so the local setting applies to the query that follows it.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"));
        var query = new NpgsqlBatchCommand(sql);
        foreach (var parameter in parameters)
        {
            query.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(query);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Reads (id, other id) rows of a page and puts them newest first.</summary>
    private async Task<List<(long Id, long Other)>> ReadPairsAsync(
        string sql, PageBounds bounds, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = await CommandAsync(sql, cancellationToken, parameters).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<(long, long)>(Math.Min(bounds.Limit, 1024));
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add((reader.GetInt64(0), reader.GetInt64(1)));
        }

        bounds.Finish(rows);
        return rows;
    }
}
