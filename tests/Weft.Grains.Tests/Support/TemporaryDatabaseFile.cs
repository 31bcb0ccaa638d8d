using Microsoft.Data.Sqlite;

namespace Weft.Grains.Tests.Support;

/// <summary>A SQLite database file in a fresh temporary directory, deleted on dispose.</summary>
public sealed class TemporaryDatabaseFile : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "weft-domain-" + Guid.NewGuid().ToString("N"));

    public TemporaryDatabaseFile() => Directory.CreateDirectory(_directory);

    public string Path => System.IO.Path.Combine(_directory, "weft.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the temp directory is cleaned by the OS eventually.
        }
    }
}
