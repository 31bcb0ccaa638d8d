using Npgsql;

namespace Weft.Silo;

/// <summary>
/// Warns at start-up when another silo already uses the same PostgreSQL database. Several silos as one cluster are not
/// built yet (docs/architecture.md): two on one database each keep their own activation of a grain, so their counts,
/// timelines and live events disagree, though nothing stored is damaged. The first silo holds a session-level advisory
/// lock for its lifetime (released when its connection ends, a crash included); a second one finds it taken.
/// </summary>
internal sealed partial class SingleSiloCheck(IConfiguration configuration, ILogger<SingleSiloCheck> logger) : IHostedService, IAsyncDisposable
{
    private const string StorageSection = "Weft:Storage:Default";

    private NpgsqlConnection? _connection;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.Equals(configuration[$"{StorageSection}:Provider"], "PostgreSql", StringComparison.OrdinalIgnoreCase)
            || configuration[$"{StorageSection}:ConnectionString"] is not { Length: > 0 } connectionString)
        {
            return;
        }

        NpgsqlConnection? connection = null;
        try
        {
            connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended('weft.silo', 0))", connection);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                (_connection, connection) = (connection, null);
                return;
            }

            LogAnotherSilo(logger, connection.Database);
        }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            // The storage's own start-up reports an unreachable or misconfigured database, naming the setting.
            LogNotChecked(logger, e.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped while starting (a SIGTERM right after start-up): a warning is not worth failing the stop for.
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Another Weft silo already uses PostgreSQL database '{Database}'. Several silos on one database are not supported yet: " +
            "each keeps its own copy of a grain, so counts, timelines and live events will disagree between them. Run one silo per database.")]
    private static partial void LogAnotherSilo(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Whether another silo uses the database was not checked: {Reason}")]
    private static partial void LogNotChecked(ILogger logger, string reason);
}
