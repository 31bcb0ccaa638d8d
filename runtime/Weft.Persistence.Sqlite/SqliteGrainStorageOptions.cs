namespace Weft.Persistence.Sqlite;

/// <summary>
/// Settings of a <see cref="SqliteGrainStorage"/>, bound from <c>Weft:Storage:&lt;name&gt;</c> when the provider is
/// configured by kind (<c>Provider=Sqlite</c>).
/// </summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>The connection string used when none is given: a file under <c>./data</c>.</summary>
    public const string DefaultConnectionString = "Data Source=./data/weft.db";

    /// <summary>
    /// A Microsoft.Data.Sqlite connection string naming a file, for example <c>Data Source=./data/weft.db</c>. A relative
    /// path is taken from the current directory; the file and its directory are created if missing.
    /// </summary>
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>The table that holds grain state; created if missing. Default <c>grain_state</c>.</summary>
    public string Table { get; set; } = "grain_state";
}
