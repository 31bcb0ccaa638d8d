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

    private SqliteWriter(string path, string connectionString, bool inMemory)
    {
        Path = path;
        _connectionString = connectionString;
        InMemory = inMemory;
    }

    /// <summary>The database file's full path, or for an in-memory database its registry key.</summary>
    public string Path { get; }

    /// <summary>
    /// Whether this is an in-memory database: its connection is also its only reader (a shared-cache database answers
    /// a second connection with SQLITE_LOCKED, which busy_timeout does not wait out) and keeps it alive.
    /// </summary>
    public bool InMemory { get; }

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
    public static SqliteWriter Acquire(string path, string connectionString) =>
        Acquire(path, connectionString, inMemory: false);

    /// <summary>
    /// Takes a reference to the one connection of the in-memory database named <paramref name="name"/> (the Data Source
    /// of a <c>Mode=Memory;Cache=Shared</c> connection string), creating it if no store holds one; the database lives
    /// until the last reference is given back. Pair with <see cref="ReleaseAsync"/>.
    /// </summary>
    public static SqliteWriter AcquireInMemory(string name, string connectionString) =>
        Acquire(InMemoryKeyPrefix + name, connectionString, inMemory: true);

    // No file path starts with this, so in-memory databases and files never share an entry.
    private const string InMemoryKeyPrefix = "memory:";

    private static SqliteWriter Acquire(string path, string connectionString, bool inMemory)
    {
        lock (s_registryGate)
        {
            if (!s_writers.TryGetValue(path, out var writer))
            {
                s_writers[path] = writer = new SqliteWriter(path, connectionString, inMemory);
            }

            writer._references++;
            return writer;
        }
    }

    /// <summary>
    /// Opens the connection (creating the file's directory) and sets WAL, synchronous=NORMAL and busy_timeout (a file's
    /// settings; an in-memory database is just opened), unless it is open. Call while holding <see cref="Gate"/>.
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

        var directory = InMemory ? null : System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!InMemory)
            {
                await using var command = connection.CreateCommand();
                // busy_timeout first: another process switching the journal mode briefly locks the file.
                command.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
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
