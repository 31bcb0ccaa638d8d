namespace Weft.LoadTest.Processes;

/// <summary>Where the programs a scenario starts were built: next to this tool, in the same configuration.</summary>
internal static class BuildOutput
{
    /// <summary>The repository root (the folder holding Weft.slnx), found upwards from this tool's binaries.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>This tool's own dll, for starting the baseline server as a child process.</summary>
    public static string LoadTestDll => typeof(BuildOutput).Assembly.Location;

    /// <summary>The API's dll, built by the project reference in the same configuration as this tool.</summary>
    public static string ApiDll => Path.Combine(RepositoryRoot, "api", "bin", Configuration, "net10.0", "Weft.Api.dll");

    private static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Weft.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Weft.slnx not found above " + AppContext.BaseDirectory);
    }
}
