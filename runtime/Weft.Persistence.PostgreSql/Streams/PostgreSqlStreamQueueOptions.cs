namespace Weft.Persistence.PostgreSql.Streams;

/// <summary>Settings of a <see cref="PostgreSqlStreamQueue"/>, bound from <c>Weft:Streams:&lt;name&gt;</c>.</summary>
public sealed class PostgreSqlStreamQueueOptions
{
    /// <summary>
    /// An Npgsql connection string, for example <c>Host=127.0.0.1;Port=5432;Database=weft;Username=weft;Password=…</c>.
    /// Required. When it sets no <c>Timeout</c>, connecting gives up after 5 seconds, so publishing fails fast while the
    /// database is down.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema that holds the stream tables; created if missing. Default <c>weft</c>.</summary>
    public string Schema { get; set; } = "weft";

    /// <summary>
    /// How many partitions events are spread over (each pulled by one agent at a time). Default 8. It may be raised
    /// later (new partitions are added); lowering it would move streams between partitions while events are queued.
    /// </summary>
    public int PartitionCount { get; set; } = 8;
}
