namespace Weft.Streams.CrashHost;

/// <summary>
/// Where the crash host keeps grain state and its stream queue: the setting <c>Weft:CrashHost:Store</c> (environment
/// <c>Weft__CrashHost__Store</c> or argument <c>--Weft:CrashHost:Store=…</c>), <c>PostgreSql</c> when not given. Either
/// way the connection string is <c>ConnectionStrings:Weft</c>.
/// </summary>
internal enum CrashHostStore
{
    /// <summary>A PostgreSQL database: <c>ConnectionStrings:Weft</c> is an Npgsql connection string.</summary>
    PostgreSql,

    /// <summary>
    /// One SQLite file for grain state and queue (they share its one write connection): <c>ConnectionStrings:Weft</c> is
    /// a Microsoft.Data.Sqlite connection string such as <c>Data Source=/tmp/crash/weft.db</c>.
    /// </summary>
    Sqlite,
}
