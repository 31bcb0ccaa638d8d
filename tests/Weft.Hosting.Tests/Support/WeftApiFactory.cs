using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Weft.Hosting.Tests.Support;

/// <summary>
/// The API in process, configured per test with <c>UseSetting</c> on top of api/appsettings.json. With
/// <c>withoutAppSettings</c> the content root is an empty directory, so only the given settings exist.
/// </summary>
/// <remarks>
/// With <c>settingsAtBuild</c> the settings go in through <c>ConfigureAppConfiguration</c> instead, which applies only
/// when the host is built, after the API has registered its services.
/// </remarks>
internal sealed class WeftApiFactory(
    IReadOnlyDictionary<string, string?> settings,
    bool withoutAppSettings = false,
    bool settingsAtBuild = false)
    : WebApplicationFactory<Program>
{
    private readonly TemporaryDirectory? _emptyContentRoot = withoutAppSettings ? new TemporaryDirectory() : null;

    public static WeftApiFactory OnSqlite(string databaseFile) => new(new Dictionary<string, string?>
    {
        ["Weft:Storage:Default:Provider"] = "Sqlite",
        ["Weft:Storage:Default:ConnectionString"] = $"Data Source={databaseFile}",
    });

    public static WeftApiFactory OnPostgreSql(string connectionString) => new(new Dictionary<string, string?>
    {
        ["Weft:Storage:Default:Provider"] = "PostgreSql",
        ["Weft:Storage:Default:ConnectionString"] = connectionString,
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (_emptyContentRoot is not null)
        {
            builder.UseContentRoot(_emptyContentRoot.Path);
        }

        if (settingsAtBuild)
        {
            builder.ConfigureAppConfiguration((_, configuration) =>
            {
                configuration.Sources.Clear();
                configuration.AddInMemoryCollection(settings);
            });
            return;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _emptyContentRoot?.Dispose();
        }
    }
}
