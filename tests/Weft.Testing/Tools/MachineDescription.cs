using System.Runtime;
using System.Runtime.InteropServices;

namespace Weft.Testing.Tools;

/// <summary>What the figures were measured on, printed before every run.</summary>
public static class MachineDescription
{
    public static void Print(TextWriter output)
    {
        output.WriteLine($"date: {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}");
        output.WriteLine($"machine: {Environment.ProcessorCount} logical processors ({CpuModel()}), {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        output.WriteLine($".NET: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(IsDebugBuild() ? "Debug" : "Release")} build, " +
            $"socket completions {(Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") == "1" ? "inline (requests on the socket threads)" : "on the thread pool")}");
    }

    private static string CpuModel()
    {
        const string CpuInfo = "/proc/cpuinfo";
        if (!File.Exists(CpuInfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        foreach (var line in File.ReadLines(CpuInfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return "unknown CPU";
    }

    private static bool IsDebugBuild()
    {
#if DEBUG
        return true;
#else
        return false;
#endif
    }
}
