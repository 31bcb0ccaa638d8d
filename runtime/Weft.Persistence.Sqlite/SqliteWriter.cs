using Microsoft.Data.Sqlite;

namespace Weft.Persistence.Sqlite;

/// <summary>
/// The one write path of one SQLite file in this process: a gate and a connection behind it, shared by every provider
/// that names the file (grain storage and stream queue alike).
/// </summary>
/// <remarks>
/// SQLite lets one connection write at a time. Two providers with a write connection each on one file would make their
/// writers wait on SQLite's file lock (busy_timeout, then SQLITE_BUSY) instead of queueing fairly, and would make an
/// outbox (state and events in one transaction) impossible. So providers take this object from a process-wide registry
/// keyed by the file's full path: it is created by the first provider of a file and closed when the last lets go.
/// Everything done on <see cref="Connection"/> happens while holding <see cref="Gate"/>. Public so that other stores
/// keeping tables in the same file (the social store in Weft.Grains) write through the same path.
/// </remarks>
public sealed class SqliteWriter
{
    /// <summary>How file paths compare: as the file system compares them, near enough.</summary>
    public static readonly StringComparer PathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private static readonly Dictionary<string, SqliteWriter> s_writers = new(PathComparer);
    private static readonly Lock s_registryGate = new();

    private readonly string _connectionString;
    private readonly Lock _callbacksGate = new();
    private Action<int>[] _onAppended = [];
    private int _references;

    private SqliteWriter(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
    }

    /// <summary>The database file's full path.</summary>
    public string Path { get; }

    /// <summary>Held while the connection is used: writes queue here rather than on SQLite's file lock.</summary>
    public SemaphoreSlim Gate { get; } = new(1, 1);

    /// <summary>The open write connection, or null before <see cref="OpenAsync"/>. Use it only while holding <see cref="Gate"/>.</summary>
    public SqliteConnection? Connection { get; private set; }

    /// <summary>
    /// The wake-up callbacks of every stream queue on this file in this process (an append through one queue wakes the
    /// agents of all of them, as PostgreSQL's NOTIFY would).
    /// </summary>
    public Action<int>[] AppendedCallbacks => Volatile.Read(ref _onAppended);

    /// <summary>Adds a wake-up callback; dispose the result to remove it.</summary>
    public IDisposable OnAppended(Action<int> callback)
    {
        lock (_callbacksGate)
        {
            _onAppended = [.. _onAppended, callback];
        }

        return new AppendedRegistration(this, callback);
    }

    /// <summary>
    /// Takes a reference to the write path of the file at <paramref name="path"/> (a full path), creating it if no
    /// provider holds one. The first provider's <paramref name="connectionString"/> opens the connection. Pair with
    /// <see cref="ReleaseAsync"/>.
    /// </summary>
    public static SqliteWriter Acquire(string path, string connectionString)
    {
        lock (s_registryGate)
        {
            if (!s_writers.TryGetValue(path, out var writer))
            {
                s_writers[path] = writer = new SqliteWriter(path, connectionString);
            }

            writer._references++;
            return writer;
        }
    }

    /// <summary>
    /// Opens the connection (creating the file's directory) and sets WAL, synchronous=NORMAL and busy_timeout, unless it
    /// is open. Call while holding <see cref="Gate"/>.
    /// </summary>
    /// <exception cref="IOException">The directory cannot be created.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be created.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or is not a database.</exception>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (Connection is { } open)
        {
            return open;
        }

        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            // busy_timeout first: another process switching the journal mode briefly locks the file.
            command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        Connection = connection;
        return connection;
    }

    /// <summary>Gives a reference back; the last one closes the connection and forgets the file.</summary>
    public async ValueTask ReleaseAsync()
    {
        lock (s_registryGate)
        {
            if (--_references > 0)
            {
                return;
            }

            s_writers.Remove(Path);
        }

        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Connection is { } connection)
            {
                Connection = null;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    private sealed class AppendedRegistration(SqliteWriter writer, Action<int> callback) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (writer._callbacksGate)
            {
                var index = Array.IndexOf(writer._onAppended, callback);
                if (index >= 0)
                {
                    writer._onAppended = [.. writer._onAppended[..index], .. writer._onAppended[(index + 1)..]];
                }
            }
        }
    }
}
