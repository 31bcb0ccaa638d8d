using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Weft.LoadTest.Wrk;

/// <summary>Runs wrk (Debian package <c>wrk</c>) with a Lua request script and reads its summary.</summary>
internal static partial class WrkRunner
{
    /// <summary>Load for <paramref name="seconds"/> with <paramref name="connections"/> connections over 2 threads.</summary>
    public static async Task<WrkResult> RunAsync(Uri target, string luaScript, int connections, int seconds)
    {
        var scriptPath = Path.Combine(Path.GetTempPath(), $"weft-wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(scriptPath, luaScript);
        try
        {
            var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--latency", "-s", scriptPath, target.ToString() })
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("wrk is not installed: apt-get install -y wrk");
            }

            using (process)
            {
                var output = await process.StandardOutput.ReadToEndAsync();
                var errors = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                return process.ExitCode == 0
                    ? Parse(output)
                    : throw new InvalidOperationException($"wrk failed ({process.ExitCode}): {errors}{output}");
            }
        }
        finally
        {
            File.Delete(scriptPath);
        }
    }

    /// <summary>A Lua array literal of strings.</summary>
    public static string LuaStrings(IEnumerable<string> values)
    {
        var lua = new StringBuilder("{");
        foreach (var value in values)
        {
            lua.Append('"').Append(value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\",");
        }

        return lua.Append('}').ToString();
    }

    internal static WrkResult Parse(string output)
    {
        var rps = RequestsPerSecond().Match(output);
        var requests = RequestsCompleted().Match(output);
        if (!rps.Success || !requests.Success)
        {
            throw new InvalidOperationException("Unexpected wrk output:\n" + output);
        }

        var non2xx = Non2xx().Match(output);
        long socketErrors = 0;
        if (SocketErrors().Match(output) is { Success: true } errors)
        {
            for (var group = 1; group <= 4; group++)
            {
                socketErrors += long.Parse(errors.Groups[group].Value, CultureInfo.InvariantCulture);
            }
        }

        return new WrkResult(
            double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture),
            non2xx.Success ? long.Parse(non2xx.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            socketErrors,
            Percentile(output, "50%"),
            Percentile(output, "99%"));
    }

    private static string Percentile(string output, string label)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith(label, StringComparison.Ordinal))
            {
                return trimmed[label.Length..].Trim();
            }
        }

        return "?";
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"([0-9]+) requests in")]
    private static partial Regex RequestsCompleted();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)")]
    private static partial Regex SocketErrors();
}
