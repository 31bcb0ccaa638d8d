using Microsoft.Data.Sqlite;
using Weft.Persistence;
using Weft.Persistence.Sqlite;

namespace Weft.Runtime.Tests;

public sealed class SqlitePersistedGrainTests : PersistedGrainTests, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "weft-runtime-" + Guid.NewGuid().ToString("N"));

    protected override IGrainStorage CreateStorage()
        => new SqliteGrainStorage("Default", new SqliteGrainStorageOptions { ConnectionString = $"Data Source={Path.Combine(_directory, "weft.db")}" });

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
