using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Weft.Api.Hosting;

/// <summary>
/// The appsettings.json that ships beside Weft.Api.dll, for a process started from another folder
/// (<c>dotnet /opt/weft/Weft.Api.dll</c>): ASP.NET Core reads appsettings.json from the working directory only, and
/// without it the API would have no store configured. It goes first, so the environment and the command line still
/// override it; a working directory with its own appsettings.json is used as before, and so is a content root chosen
/// explicitly (<c>--contentRoot</c>, or a test host's).
/// </summary>
public static class ShippedSettings
{
    /// <summary>Adds the shipped appsettings.json, lowest in priority, when the working directory has none.</summary>
    public static WebApplicationBuilder AddShippedSettingsWhenMissing(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var shippedDirectory = AppContext.BaseDirectory;
        var contentRoot = builder.Environment.ContentRootPath;
        var contentRootIsWorkingDirectory = string.Equals(
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(contentRoot)),
            Path.TrimEndingDirectorySeparator(Directory.GetCurrentDirectory()),
            StringComparison.Ordinal);
        if (!contentRootIsWorkingDirectory
            || File.Exists(Path.Combine(contentRoot, "appsettings.json"))
            || !File.Exists(Path.Combine(shippedDirectory, "appsettings.json")))
        {
            return builder;
        }

        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(shippedDirectory),
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
        };
        builder.Configuration.Sources.Insert(0, source);
        return builder;
    }
}
