using System.Globalization;

namespace Weft.LoadTest.Processes;

/// <summary>
/// Where the CPU went during a measured run (Linux /proc): the machine as a whole, the server process, and PostgreSQL's
/// processes. A ratio alone does not say whether a server was short of CPU or waiting; this does.
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on

    private readonly int _serverProcessId;
    private readonly CpuSample _start;

    private CpuMeter(int serverProcessId)
    {
        _serverProcessId = serverProcessId;
        _start = CpuSample.Take(serverProcessId);
    }

    /// <summary>Starts measuring; null where /proc is missing.</summary>
    public static CpuMeter? Start(int serverProcessId) => File.Exists("/proc/stat") ? new CpuMeter(serverProcessId) : null;

    /// <summary>One line: machine busy share, server and PostgreSQL cores, and each one's CPU per request.</summary>
    public string Stop(long requests)
    {
        var end = CpuSample.Take(_serverProcessId);
        var seconds = (end.MachineTotal - _start.MachineTotal) / TicksPerSecond / Environment.ProcessorCount;
        if (seconds <= 0 || requests <= 0)
        {
            return "cpu: (no interval)";
        }

        var busy = (double)(end.MachineBusy - _start.MachineBusy) / (end.MachineTotal - _start.MachineTotal);
        var server = (end.Server - _start.Server) / TicksPerSecond;
        var postgres = (end.Postgres - _start.Postgres) / TicksPerSecond;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"cpu: machine {busy:P0} busy; server {server / seconds:0.00} cores ({server / requests * 1e6:N0} µs per request)");
        if (postgres > 0)
        {
            line += string.Create(CultureInfo.InvariantCulture, $"; PostgreSQL {postgres / seconds:0.00} cores ({postgres / requests * 1e6:N0} µs per request)");
        }

        return ServerMemory(_serverProcessId) is { } memory ? line + "; " + memory : line;
    }

    // The server's resident memory now and at its peak (VmRSS, VmHWM), for memory that grows with the load.
    private static string? ServerMemory(int serverProcessId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{serverProcessId}/status");
        }
        catch (IOException)
        {
            return null;
        }

        string? Field(string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) is { } found
                ? long.Parse(found[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024 + " MB"
                : null;

        return Field("VmRSS") is { } rss ? $"server memory {rss} resident, {Field("VmHWM")} at peak" : null;
    }

    private readonly record struct CpuSample(long MachineBusy, long MachineTotal, long Server, long Postgres)
    {
        public static CpuSample Take(int serverProcessId)
        {
            // "cpu  user nice system idle iowait irq softirq steal ...": idle and iowait are not busy.
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long total = 0, idle = 0;
            for (var i = 1; i < Math.Min(fields.Length, 9); i++)
            {
                var value = long.Parse(fields[i], CultureInfo.InvariantCulture);
                total += value;
                if (i is 4 or 5)
                {
                    idle += value;
                }
            }

            long server = 0, postgres = 0;
            foreach (var directory in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(directory), out var pid) || ProcessTicks(directory) is not { } process)
                {
                    continue;
                }

                if (pid == serverProcessId)
                {
                    server = process.Ticks;
                }
                else if (process.Name == "postgres")
                {
                    postgres += process.Ticks;
                }
            }

            return new CpuSample(total - idle, total, server, postgres);
        }

        // utime + stime of a process from /proc/<pid>/stat; the name sits in parentheses and may hold spaces.
        private static (string Name, long Ticks)? ProcessTicks(string directory)
        {
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                return null; // the process ended meanwhile
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }

            var open = stat.IndexOf('(', StringComparison.Ordinal);
            var close = stat.LastIndexOf(')');
            if (open < 0 || close < open)
            {
                return null;
            }

            var rest = stat[(close + 2)..].Split(' ');
            // After the name: state(0) ppid(1) … utime(11) stime(12).
            return rest.Length > 12
                ? (stat[(open + 1)..close], long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture))
                : null;
        }
    }
}
