namespace Weft.Api.Instance;

/// <summary>Settings under <c>Weft:Instance</c>: how this server describes itself in /api/v1/instance and /api/v2/instance.</summary>
public sealed class InstanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:Instance";

    public string Title { get; set; } = "Weft";

    public string Description { get; set; } = "A Mastodon-compatible social server built on virtual actors.";

    /// <summary>The administrators' address, shown to users; empty if none is configured.</summary>
    public string ContactEmail { get; set; } = "";

    public string SourceUrl { get; set; } = "https://github.com/weft-social/weft";

    /// <summary>ISO 639-1 codes of the languages the server is run in.</summary>
    public IReadOnlyList<string> Languages { get; set; } = ["en"];
}
