using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Weft.Api.Tests.Support;

/// <summary>
/// The real API program with its in-process silo, on a SQLite file in a temp directory or on a PostgreSQL database.
/// In memory (TestServer) by default; <see cref="StartOnSocket"/> puts it on a real Kestrel socket instead, for
/// WebSockets and absolute Link headers.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TemporaryDirectory? _directory;

    private ApiFactory(Dictionary<string, string?> settings, TemporaryDirectory? directory)
    {
        _settings = settings;
        _directory = directory;
    }

    /// <summary>Storage and streams on one SQLite file of a fresh temp directory.</summary>
    public static ApiFactory OnSqlite(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = new TemporaryDirectory();
        var connectionString = $"Data Source={directory.File("weft.db")}";
        return new ApiFactory(WithDefaults("Sqlite", connectionString, settings), directory);
    }

    /// <summary>Storage and streams on the given PostgreSQL database.</summary>
    public static ApiFactory OnPostgreSql(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(WithDefaults("PostgreSql", connectionString, settings), null);

    /// <summary>Starts the program on a real Kestrel socket on a free loopback port; returns its base address.</summary>
    public Uri StartOnSocket()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        ClientOptions.BaseAddress = address;
        return address;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _directory?.Dispose();
        }
    }

    private static Dictionary<string, string?> WithDefaults(string provider, string connectionString, IReadOnlyDictionary<string, string?>? settings)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Weft:Storage:Default:Provider"] = provider,
            ["Weft:Storage:Default:ConnectionString"] = connectionString,
            ["Weft:Streams:Default:Provider"] = provider,
            ["Weft:Streams:Default:ConnectionString"] = connectionString,
            ["Logging:LogLevel:Default"] = "Warning",

            // Tests sign up and log in far more often than Mastodon's per-address limits allow; the rate-limit test
            // sets its own low limits.
            ["Weft:RateLimits:PerToken:PermitLimit"] = "1000000",
            ["Weft:RateLimits:PerAddress:PermitLimit"] = "1000000",
            ["Weft:RateLimits:Login:PermitLimit"] = "1000000",
            ["Weft:RateLimits:Registrations:PermitLimit"] = "1000000",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return all;
    }
}
