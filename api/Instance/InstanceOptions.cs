namespace Weft.Api.Instance;

/// <summary>Settings under <c>Weft:Instance</c>: how this server describes itself in /api/v1/instance and /api/v2/instance.</summary>
public sealed class InstanceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Weft:Instance";

    /// <summary>
    /// The address users reach this server at (<c>https://social.example</c>, a port if not the default, no path).
    /// When set, every absolute URL in an answer is built from it rather than from the request's scheme and Host, as
    /// Mastodon's LOCAL_DOMAIN: the same behind every proxy and node, and no forged Host header can change it. Empty:
    /// from each request.
    /// </summary>
    public string PublicUrl { get; set; } = "";

    public string Title { get; set; } = "Weft";

    public string Description { get; set; } = "A Mastodon-compatible social server built on virtual actors.";

    /// <summary>The administrators' address, shown to users; empty if none is configured.</summary>
    public string ContactEmail { get; set; } = "";

    public string SourceUrl { get; set; } = "https://github.com/weft-social/weft";

    /// <summary>ISO 639-1 codes of the languages the server is run in.</summary>
    public IReadOnlyList<string> Languages { get; set; } = ["en"];
}
