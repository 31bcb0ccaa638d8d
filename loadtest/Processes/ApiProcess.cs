namespace Weft.LoadTest.Processes;

/// <summary>Starts the real API program (with its in-process silo) for a scenario.</summary>
internal static class ApiProcess
{
    /// <summary>The API on SQLite in a fresh temp directory, or on the given PostgreSQL database.</summary>
    public static Task<ChildProcess> StartAsync(string store, string? postgresConnectionString)
    {
        string provider, connectionString;
        if (store == "postgres")
        {
            provider = "PostgreSql";
            connectionString = postgresConnectionString ?? throw new ArgumentNullException(nameof(postgresConnectionString));
        }
        else
        {
            provider = "Sqlite";
            var directory = Path.Combine(Path.GetTempPath(), $"weft-loadtest-{Guid.NewGuid():N}");
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "weft.db")}";
        }

        var environment = new Dictionary<string, string>
        {
            ["Weft__Storage__Default__Provider"] = provider,
            ["Weft__Storage__Default__ConnectionString"] = connectionString,
            ["Weft__Streams__Default__Provider"] = provider,
            ["Weft__Streams__Default__ConnectionString"] = connectionString,
            // A load test is one client hammering from one address: the per-token and per-IP limits would measure themselves.
            ["Weft__RateLimits__Enabled"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        return ChildProcess.StartAsync("api", BuildOutput.ApiDll, [], environment, "/health");
    }
}
