using System.Diagnostics;
using System.Globalization;
using System.Text;
using Weft.Testing;

namespace Weft.Hosting.Tests.Support;

/// <summary>
/// silo/ as a real process: <c>dotnet Weft.Silo.dll</c> from this test's output directory (the project reference copies
/// it there with its runtimeconfig.json and deps.json), run in an empty working directory so that it is configured by
/// the given environment variables only. Standard output and error are collected together.
/// </summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TemporaryDirectory _workingDirectory;

    private SiloProcess(Process process, TemporaryDirectory workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    public int Id => _process.Id;

    /// <summary>The empty folder the process runs in.</summary>
    public string WorkingDirectory => _workingDirectory.Path;

    /// <summary>Everything the process has written so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> (the silo unless told; <c>Weft.Api.dll</c> for the API) with <paramref name="arguments"/>.</summary>
    public static SiloProcess Start(IReadOnlyDictionary<string, string> environment, string program = "Weft.Silo.dll", params string[] arguments)
    {
        var siloDll = Path.Combine(AppContext.BaseDirectory, program);
        foreach (var file in (string[])[siloDll, Path.ChangeExtension(siloDll, ".runtimeconfig.json"), Path.ChangeExtension(siloDll, ".deps.json")])
        {
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing: the ProjectReference to silo/Weft.Silo.csproj should copy it next to the tests.");
            }
        }

        var workingDirectory = new TemporaryDirectory();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory.Path,
        };
        start.ArgumentList.Add(siloDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Only the test's settings: nothing inherited from the test run's environment may configure the silo.
        foreach (var key in start.Environment.Keys.Where(IsHostSetting).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, workingDirectory);
        process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails early, with the output, if the process exits first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        await Eventually.WaitUntilAsync(
            () => Output.Contains(text, StringComparison.Ordinal) || _process.HasExited,
            $"the silo to write \"{text}\". Output so far:\n{Output}",
            timeout);
        if (!Output.Contains(text, StringComparison.Ordinal))
        {
            await _process.WaitForExitAsync();
            Assert.Fail($"The silo exited with code {_process.ExitCode} before writing \"{text}\". Output:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>docker stop</c> does.</summary>
    public async Task TerminateAsync()
    {
        var kill = new ProcessStartInfo("kill") { UseShellExecute = false };
        kill.ArgumentList.Add("-TERM");
        kill.ArgumentList.Add(Id.ToString(CultureInfo.InvariantCulture));
        using var process = Process.Start(kill) ?? throw new InvalidOperationException("Could not run kill.");
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"kill -TERM {Id} exited with {process.ExitCode}.");
    }

    /// <summary>Waits for the process to exit (and its output to end); returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The silo was still running {timeout.TotalSeconds:0} s later. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _workingDirectory.Dispose();
    }

    private static bool IsHostSetting(string key) =>
        key.StartsWith("Weft__", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("Logging__", StringComparison.OrdinalIgnoreCase)
        || key is "DOTNET_ENVIRONMENT" or "ASPNETCORE_ENVIRONMENT";

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
