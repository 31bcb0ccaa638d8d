using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Weft.Hosting.Tests.Support;

/// <summary>
/// The API in process, configured per test with <c>UseSetting</c> on top of api/appsettings.json. With
/// <c>withoutAppSettings</c> the content root is an empty directory, so only the given settings exist.
/// </summary>
/// <remarks>
/// Settings go in through <c>UseSetting</c>, which the API's Program sees while it registers services. Configuration
/// added through <c>ConfigureAppConfiguration</c> is applied only when the host is built, after <c>AddWeftSilo</c> has
/// read which storage providers exist (see the README).
/// </remarks>
internal sealed class WeftApiFactory(IReadOnlyDictionary<string, string?> settings, bool withoutAppSettings = false)
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
