using System.Globalization;

namespace Weft.Api.Instance;

/// <summary>Absolute URLs of this server, taken from the request (scheme and host as the client reached us).</summary>
public static class InstanceUrls
{
    /// <summary>scheme://host[:port] plus any path base, without a trailing slash; an international host in ASCII, as sent.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.Value}";

    /// <summary>The streaming API's URL: ws:// or wss:// to this host.</summary>
    public static string StreamingUrl(HttpRequest request) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.ToUriComponent()}{request.PathBase.Value}";

    /// <summary>The host (and port, if not the default) that names this instance.</summary>
    public static string Domain(HttpRequest request) => request.Host.HasValue ? request.Host.ToUriComponent() : "localhost";

    /// <summary>
    /// The host and port of an absolute URL as a Host header carries them: an international name in its ASCII (punycode)
    /// form, IPv6 in brackets, the port only when not the scheme's default.
    /// </summary>
    public static HostString Authority(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host : uri.IdnHost;
        return new HostString(uri.IsDefaultPort ? host : host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Whether an absolute URL points at the host (and port) the request reached.</summary>
    public static bool IsOnThisHost(Uri uri, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return string.Equals(Authority(uri).Value, request.Host.ToUriComponent(), StringComparison.OrdinalIgnoreCase);
    }
}
