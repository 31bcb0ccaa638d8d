using System.Net;
using System.Text.RegularExpressions;
using Weft.Hosting.Tests.Support;

namespace Weft.Hosting.Tests;

/// <summary>
/// <c>dotnet Weft.Api.dll</c> started from a folder without an appsettings.json (as a service manager would) reads the
/// one shipped beside the dll: SQLite under ./data of its working directory, as the README's run command does.
/// </summary>
public sealed partial class ApiFromAnotherFolderTests
{
    [Fact]
    public async Task The_api_started_from_an_empty_folder_runs_on_the_shipped_settings()
    {
        await using var api = SiloProcess.Start(new Dictionary<string, string>(), "Weft.Api.dll", "--urls", "http://127.0.0.1:0");
        await api.WaitForOutputAsync("Now listening on: ", TimeSpan.FromSeconds(60));
        var url = ListeningUrl().Match(api.Output).Groups[1].Value;

        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var response = await client.GetAsync("/api/v1/instance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(api.WorkingDirectory, "data", "weft.db")), $"No data/weft.db in the working directory. Output:\n{api.Output}");
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningUrl();
}
