using Weft.LoadTest.Processes;
using Weft.LoadTest.Wrk;

namespace Weft.LoadTest.Scenarios;

/// <summary>One measured wrk run against a server process, with where the CPU went meanwhile.</summary>
internal static class MeasuredRun
{
    /// <summary>Runs wrk on <paramref name="path"/> of <paramref name="server"/>; the CPU line is null where /proc is missing.</summary>
    public static async Task<(WrkResult Result, string? Cpu)> RunAsync(ChildProcess server, string script, string path, int connections, int seconds)
    {
        var cpu = CpuMeter.Start(server.ProcessId);
        var result = await WrkRunner.RunAsync(new Uri(server.BaseAddress, path), script, connections, seconds);
        return (result, cpu?.Stop(result.Requests));
    }
}
