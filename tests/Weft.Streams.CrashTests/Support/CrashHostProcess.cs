using System.Diagnostics;
using System.Globalization;
using Weft.Testing;

namespace Weft.Streams.CrashTests.Support;

/// <summary>
/// tests/Weft.Streams.CrashHost as a real process: <c>dotnet Weft.Streams.CrashHost.dll &lt;mode…&gt;</c> from this test's
/// output directory (the project reference copies it there with its runtimeconfig.json and deps.json), on the given
/// <see cref="CrashStore"/>. Standard output and error are collected together, line by line.
/// </summary>
internal sealed class CrashHostProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_exitTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly DirectoryInfo _workingDirectory;
    private readonly List<string> _lines = [];

    private CrashHostProcess(Process process, DirectoryInfo workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    /// <summary>Everything the process has written so far.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>A snapshot of the lines written so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts <c>publish &lt;streams&gt; &lt;events&gt; &lt;subscribers&gt; &lt;events-per-publish&gt;</c>.</summary>
    public static CrashHostProcess Publish(CrashStore store, int streams, int eventsPerStream, int subscribersPerStream, int eventsPerPublish)
        => Start(
            store,
            "publish",
            streams.ToString(CultureInfo.InvariantCulture),
            eventsPerStream.ToString(CultureInfo.InvariantCulture),
            subscribersPerStream.ToString(CultureInfo.InvariantCulture),
            eventsPerPublish.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts <c>serve</c>: deliver only.</summary>
    public static CrashHostProcess Serve(CrashStore store) => Start(store, "serve");

    private static CrashHostProcess Start(CrashStore store, params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Weft.Streams.CrashHost.dll");
        foreach (var file in (string[])[hostDll, Path.ChangeExtension(hostDll, ".runtimeconfig.json"), Path.ChangeExtension(hostDll, ".deps.json")])
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException(
                    $"{file} is missing: the ProjectReference to tests/Weft.Streams.CrashHost should copy it next to the tests.");
            }
        }

        // An empty working directory (the content root), so no appsettings.json configures the host.
        var workingDirectory = Directory.CreateTempSubdirectory("weft-crash-host-");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory.FullName,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the test's settings: nothing inherited from the test run's environment may configure the host.
        foreach (var key in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in store.HostEnvironment)
        {
            start.Environment[key] = value;
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";

        var process = new Process { StartInfo = start };
        var host = new CrashHostProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits until a line satisfies <paramref name="condition"/>; fails early, with the output, if the process exits first.</summary>
    public async Task WaitForAsync(Func<IReadOnlyList<string>, bool> condition, string description, TimeSpan timeout)
    {
        await Eventually.WaitUntilAsync(
            () => condition(Lines) || _process.HasExited,
            $"the crash host to write {description}. Output so far:\n{Tail()}",
            timeout);
        if (!condition(Lines))
        {
            await _process.WaitForExitAsync();
            Assert.Fail($"The crash host exited with code {_process.ExitCode} before writing {description}. Output:\n{Tail()}");
        }
    }

    /// <summary>Waits until the process has written <paramref name="line"/>.</summary>
    public Task WaitForLineAsync(string line, TimeSpan timeout)
        => WaitForAsync(lines => lines.Contains(line), $"\"{line}\"", timeout);

    /// <summary>SIGKILL (what <c>Process.Kill</c> sends on Linux): no shutdown code runs. Returns once it is gone and its output read.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var deadline = new CancellationTokenSource(s_exitTimeout);
        await _process.WaitForExitAsync(deadline.Token);
        Assert.True(_process.HasExited, "The crash host survived SIGKILL.");
    }

    /// <summary>The last lines of output, for failure messages (the host writes one line per acknowledged event).</summary>
    public string Tail(int count = 40)
    {
        var lines = Lines;
        return string.Join('\n', lines.Skip(Math.Max(0, lines.Count - count)));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _workingDirectory.Delete(recursive: true);
    }

    private static bool IsHostSetting(string key) =>
        key.StartsWith("Weft__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("ConnectionStrings__", StringComparison.OrdinalIgnoreCase)
        || key is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT";

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
