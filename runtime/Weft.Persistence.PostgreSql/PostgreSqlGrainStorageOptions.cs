namespace Weft.Persistence.PostgreSql;

/// <summary>
/// Settings of a <see cref="PostgreSqlGrainStorage"/>, bound from <c>Weft:Storage:&lt;name&gt;</c> when the provider
/// is configured by kind (<c>Provider=PostgreSql</c>).
/// </summary>
public sealed class PostgreSqlGrainStorageOptions
{
    /// <summary>
    /// An Npgsql connection string, for example <c>Host=127.0.0.1;Port=5432;Database=weft;Username=weft;Password=…</c>.
    /// Required. When it sets no <c>Timeout</c>, connecting gives up after 10 seconds.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema that holds the table; created if missing. Default <c>weft</c>.</summary>
    public string Schema { get; set; } = "weft";

    /// <summary>The table that holds grain state; created if missing. Default <c>grain_state</c>.</summary>
    public string Table { get; set; } = "grain_state";
}
