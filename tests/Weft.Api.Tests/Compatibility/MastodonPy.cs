using System.Diagnostics;

namespace Weft.Api.Tests.Compatibility;

/// <summary>
/// Mastodon.py, the Python client library (Debian's python3-mastodon), run as a separate process. Tests that need it
/// are skipped where it is not installed, unless <c>WEFT_REQUIRE_MASTODON_PY=1</c> (CI sets it, after installing
/// the package), which makes its absence a failure.
/// </summary>
public static class MastodonPy
{
    public const string RequireVariable = "WEFT_REQUIRE_MASTODON_PY";

    // Debian installs python3-mastodon for its own interpreter; another python3 first on PATH (pyenv, a venv) may lack it.
    private static readonly Lazy<string?> s_interpreter = new(FindInterpreter);

    /// <summary>The interpreter that imports Mastodon.py, or null when none does.</summary>
    public static string? Interpreter => s_interpreter.Value;

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Runs <paramref name="script"/> (in the test output's Compatibility folder) with its arguments; exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string script, TimeSpan timeout, params string[] arguments)
    {
        var interpreter = Interpreter ?? throw new InvalidOperationException(
            "Mastodon.py is not installed (Debian: apt-get install -y python3-mastodon).");
        var start = new ProcessStartInfo(interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Compatibility", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The server is on loopback: no proxy from the environment may stand in between.
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";
        start.Environment["PYTHONUNBUFFERED"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return (-1, $"timed out after {timeout}\n{await output}{await errors}");
        }

        return (process.ExitCode, await output + await errors);
    }

    private static string? FindInterpreter()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import mastodon"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                })!;
                if (!probe.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    probe.Kill(entireProcessTree: true);
                    continue;
                }

                if (probe.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not there; try the next.
            }
        }

        return null;
    }
}

/// <summary>A fact that needs Mastodon.py: skipped without it, unless <see cref="MastodonPy.Required"/>.</summary>
public sealed class MastodonPyFactAttribute : FactAttribute
{
    public MastodonPyFactAttribute()
    {
        if (!MastodonPy.Required && MastodonPy.Interpreter is null)
        {
            Skip = $"Mastodon.py is not installed (Debian: python3-mastodon); set {MastodonPy.RequireVariable}=1 to fail instead.";
        }
    }
}
