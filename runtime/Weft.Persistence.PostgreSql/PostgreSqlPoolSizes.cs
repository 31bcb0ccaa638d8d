namespace Weft.Persistence.PostgreSql;

/// <summary>
/// Connections the runtime's pools open at most unless their connection string sets <c>Maximum Pool Size</c>. Npgsql's
/// default is 100 per pool, and a process holds several pools on one server (grain state, the stream queue and its
/// bookkeeping, and the application's own, such as Weft's social tables) against PostgreSQL's default
/// <c>max_connections</c> of 100: a burst of activations, each reading in parallel, ran the server out of connections
/// ("sorry, too many clients already") and requests failed. A full pool makes callers wait (up to the connect timeout)
/// instead. docs/architecture.md adds up a process's connections.
/// </summary>
public static class PostgreSqlPoolSizes
{
    /// <summary>The grain storage's pool.</summary>
    public const int GrainStorage = 16;

    /// <summary>The stream queue's pool, and again its bookkeeping pool (checkpoints, leases).</summary>
    public const int StreamQueue = 8;
}
