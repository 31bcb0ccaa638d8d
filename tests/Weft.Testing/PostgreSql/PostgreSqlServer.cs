using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Weft.Testing.PostgreSql;

/// <summary>
/// A PostgreSQL server for tests and benchmarks. When <c>WEFT_TEST_POSTGRES</c> holds a connection string, that server
/// is used. Otherwise a throwaway server is started once per process: <c>initdb</c> into a temporary directory, then
/// <c>pg_ctl start</c> on a free port of 127.0.0.1; it is stopped and deleted when the process exits (or, if the
/// process is killed, by a watchdog and by the next process that starts one).
/// </summary>
/// <remarks>
/// Free of any test framework, so benchmarks and tools can use it. As root (as CI runs), initdb and postgres refuse to
/// run, so they run as the <c>postgres</c> OS user through <c>runuser</c>. Host connections use a password
/// (scram-sha-256, so tests can check that a wrong one is refused); the local socket trusts.
/// </remarks>
public sealed class PostgreSqlServer
{
    /// <summary>The environment variable that names an existing server instead of a throwaway one.</summary>
    public const string EnvironmentVariable = "WEFT_TEST_POSTGRES";

    /// <summary>The superuser password of a throwaway server (it listens on 127.0.0.1 only).</summary>
    public const string ThrowawayPassword = "weft-test";

    private const string DirectoryPrefix = "weft-pg-";
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<Task<PostgreSqlServer>> s_shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private PostgreSqlServer(string connectionString, string description)
    {
        ConnectionString = connectionString;
        Description = description;
    }

    /// <summary>A superuser connection string to the server's <c>postgres</c> database.</summary>
    public string ConnectionString { get; }

    /// <summary>Where the server came from, for messages.</summary>
    public string Description { get; }

    /// <summary>
    /// Returns this process's server, starting a throwaway one on first use. Throws with the reason (including
    /// pg_ctl's log) when none can be started: a test that needs PostgreSQL fails, it never skips.
    /// </summary>
    public static Task<PostgreSqlServer> GetAsync() => s_shared.Value;

    private static async Task<PostgreSqlServer> StartSharedAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            var server = new PostgreSqlServer(given, $"the server in {EnvironmentVariable}");
            await server.CheckReachableAsync().ConfigureAwait(false);
            return server;
        }

        return await ThrowawayServer.StartAsync().ConfigureAwait(false);
    }

    private async Task CheckReachableAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync().ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw new InvalidOperationException($"Cannot connect to {Description}: {ex.Message}", ex);
        }
    }

    /// <summary>Starts, registers clean-up for, and describes one throwaway server.</summary>
    private static class ThrowawayServer
    {
        public static async Task<PostgreSqlServer> StartAsync()
        {
            var binDirectory = FindBinDirectory();
            var initdb = Path.Combine(binDirectory, "initdb");
            var pgCtl = Path.Combine(binDirectory, "pg_ctl");
            var asRoot = Environment.UserName == "root";

            await RemoveStaleServersAsync(pgCtl, asRoot).ConfigureAwait(false);

            var root = Path.Combine(Path.GetTempPath(), $"{DirectoryPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..12]}");
            var data = Path.Combine(root, "data");
            var log = Path.Combine(root, "server.log");
            var passwordFile = Path.Combine(root, "password");
            Directory.CreateDirectory(root);
            StartWatchdog(pgCtl, data, root, asRoot);
            await File.WriteAllTextAsync(passwordFile, ThrowawayPassword + "\n").ConfigureAwait(false);
            if (asRoot)
            {
                await RunAsync("chown", ["-R", "postgres:postgres", root], asPostgres: false, root).ConfigureAwait(false);
            }

            var started = false;
            try
            {
                await RunAsync(initdb,
                    ["-D", data, "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync", "--auth-local=trust",
                     "--auth-host=scram-sha-256", $"--pwfile={passwordFile}"],
                    asRoot, root).ConfigureAwait(false);

                int port = 0;
                for (var attempt = 1; ; attempt++)
                {
                    // The port is free now; another process could take it before postgres binds it, so retry a few times.
                    port = FindFreePort();
                    await File.AppendAllTextAsync(Path.Combine(data, "postgresql.conf"), string.Create(CultureInfo.InvariantCulture,
                        $"""

                        # Weft throwaway test server
                        listen_addresses = '127.0.0.1'
                        port = {port}
                        unix_socket_directories = '{root}'
                        max_connections = 200
                        fsync = on

                        """)).ConfigureAwait(false);
                    var (exitCode, output) = await TryRunAsync(pgCtl, ["start", "-D", data, "-l", log, "-w", "-t", "60"], asRoot, root).ConfigureAwait(false);
                    if (exitCode == 0)
                    {
                        break;
                    }

                    if (attempt == 3)
                    {
                        throw new InvalidOperationException(
                            $"pg_ctl start failed (exit {exitCode}) for a throwaway PostgreSQL in {root}:\n{output}\n--- server.log ---\n{ReadLog(log)}");
                    }
                }

                started = true;
                StopOnExit(pgCtl, data, root, asRoot);
                var connectionString = new NpgsqlConnectionStringBuilder
                {
                    Host = "127.0.0.1",
                    Port = port,
                    Username = "postgres",
                    Password = ThrowawayPassword,
                    Database = "postgres",
                    Timeout = 10,
                }.ConnectionString;
                var server = new PostgreSqlServer(connectionString, $"the throwaway PostgreSQL at 127.0.0.1:{port} ({root})");
                await server.CheckReachableAsync().ConfigureAwait(false);
                return server;
            }
            finally
            {
                if (!started)
                {
                    if (File.Exists(Path.Combine(data, "postmaster.pid")))
                    {
                        await TryRunAsync(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "30"], asRoot, "/").ConfigureAwait(false);
                    }

                    TryDelete(root);
                }
            }
        }

        /// <summary>initdb and pg_ctl on PATH, else in Debian's /usr/lib/postgresql/&lt;highest version&gt;/bin.</summary>
        private static string FindBinDirectory()
        {
            foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = Path.Combine(directory, "initdb");
                if (File.Exists(candidate) && File.Exists(Path.Combine(directory, "pg_ctl")))
                {
                    return directory;
                }
            }

            const string Debian = "/usr/lib/postgresql";
            var versions = Directory.Exists(Debian)
                ? Directory.GetDirectories(Debian)
                    .Select(d => (Directory: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                    .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Directory, "bin", "initdb")))
                    .OrderByDescending(d => d.Version)
                    .ToList()
                : [];
            return versions.Count > 0
                ? Path.Combine(versions[0].Directory, "bin")
                : throw new InvalidOperationException(
                    $"PostgreSQL tests need a server: set {EnvironmentVariable} to a connection string, or install PostgreSQL " +
                    "(apt-get install postgresql; .ci/run does this) so initdb and pg_ctl are on PATH or in /usr/lib/postgresql/<version>/bin.");
        }

        private static int FindFreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>Stops the server and deletes its directory when this process exits normally.</summary>
        private static void StopOnExit(string pgCtl, string data, string root, bool asRoot) =>
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                var stop = TryRunAsync(pgCtl, ["stop", "-D", data, "-m", "fast", "-w", "-t", "30"], asRoot, "/").GetAwaiter().GetResult();
                if (stop.ExitCode != 0)
                {
                    Console.Error.WriteLine($"Could not stop the throwaway PostgreSQL in {root}: {stop.Output}");
                }

                TryDelete(root);
            };

        /// <summary>
        /// Starts a detached shell that waits for this process to end, however it ends (a killed test host runs no
        /// exit handlers), then stops the server if it runs and deletes its directory.
        /// </summary>
        private static void StartWatchdog(string pgCtl, string data, string root, bool asRoot)
        {
            var stopCommand = asRoot
                ? $"runuser -u postgres -- {Quote(pgCtl)} stop -D {Quote(data)} -m fast -w -t 30"
                : $"{Quote(pgCtl)} stop -D {Quote(data)} -m fast -w -t 30";
            var script =
                "exec </dev/null >/dev/null 2>&1; " +
                $"while kill -0 {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}; do sleep 2; done; " +
                $"if [ -f {Quote(Path.Combine(data, "postmaster.pid"))} ]; then {stopCommand}; fi; rm -rf {Quote(root)}";
            var watchdog = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = "/" };
            watchdog.ArgumentList.Add("-c");
            watchdog.ArgumentList.Add(script);
            using var process = Process.Start(watchdog);
        }

        /// <summary>Removes servers left behind by test processes that were killed (their pid is in the directory name).</summary>
        private static async Task RemoveStaleServersAsync(string pgCtl, bool asRoot)
        {
            foreach (var directory in Directory.GetDirectories(Path.GetTempPath(), DirectoryPrefix + "*"))
            {
                var name = Path.GetFileName(directory).AsSpan(DirectoryPrefix.Length);
                var dash = name.IndexOf('-');
                if (dash <= 0 || !int.TryParse(name[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || IsAlive(pid))
                {
                    continue;
                }

                var data = Path.Combine(directory, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    await TryRunAsync(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w", "-t", "30"], asRoot, "/").ConfigureAwait(false);
                }

                TryDelete(directory);
            }
        }

        private static bool IsAlive(int pid)
        {
            if (Directory.Exists("/proc/self"))
            {
                return Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        private static async Task RunAsync(string file, string[] arguments, bool asPostgres, string workingDirectory)
        {
            var (exitCode, output) = await TryRunAsync(file, arguments, asPostgres, workingDirectory).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Starting a throwaway PostgreSQL: '{file} {string.Join(' ', arguments)}' failed (exit {exitCode}):\n{output}");
            }
        }

        /// <summary>Runs a command (as the postgres OS user when asked), returning its exit code and combined output.</summary>
        private static async Task<(int ExitCode, string Output)> TryRunAsync(string file, string[] arguments, bool asPostgres, string workingDirectory)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory,
            };
            if (asPostgres)
            {
                foreach (var argument in (string[])["-u", "postgres", "--", file])
                {
                    start.ArgumentList.Add(argument);
                }
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Append(output, e.Data);
            process.ErrorDataReceived += (_, e) => Append(output, e.Data);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                return (-1, $"could not start {start.FileName}: {ex.Message}");
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(s_commandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                return (-1, $"timed out after {s_commandTimeout.TotalSeconds} s:\n{Snapshot(output)}");
            }

            return (process.ExitCode, Snapshot(output));
        }

        private static void Append(StringBuilder output, string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.AppendLine(line);
                }
            }
        }

        private static string Snapshot(StringBuilder output)
        {
            lock (output)
            {
                return output.ToString();
            }
        }

        private static string ReadLog(string log)
        {
            try
            {
                return File.Exists(log) ? File.ReadAllText(log) : "(no log was written)";
            }
            catch (IOException ex)
            {
                return $"(could not read {log}: {ex.Message})";
            }
        }

        private static void TryDelete(string directory)
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort: a directory that cannot be removed now is removed by the next run's stale clean-up.
                Console.Error.WriteLine($"Could not delete {directory}: {ex.Message}");
            }
        }

        private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
