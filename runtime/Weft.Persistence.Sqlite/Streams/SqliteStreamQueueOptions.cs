namespace Weft.Persistence.Sqlite.Streams;

/// <summary>
/// Settings of a <see cref="SqliteStreamQueue"/>, bound from <c>Weft:Streams:&lt;name&gt;</c> when the provider is
/// configured by kind (<c>Provider=Sqlite</c>).
/// </summary>
public sealed class SqliteStreamQueueOptions
{
    /// <summary>
    /// A Microsoft.Data.Sqlite connection string naming a file, for example <c>Data Source=./data/weft.db</c>. Required.
    /// Use the grain storage's file to publish with state in one transaction (the outbox); the two then share one
    /// write connection.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How many partitions events are spread over. Default 8. Keep it fixed once events are stored.</summary>
    public int PartitionCount { get; set; } = 8;
}
