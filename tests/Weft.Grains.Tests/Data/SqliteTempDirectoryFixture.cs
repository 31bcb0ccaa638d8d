using Microsoft.Data.Sqlite;

namespace Weft.Grains.Tests.Data;

/// <summary>A temporary directory for a test class's SQLite files, deleted afterwards.</summary>
public sealed class SqliteTempDirectoryFixture : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "weft-social-" + Guid.NewGuid().ToString("N"));

    /// <summary>The class's database file, in a sub-directory the store must create.</summary>
    public string DatabasePath => Path.Combine(Directory, "data", "weft.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
