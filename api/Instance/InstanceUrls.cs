namespace Weft.Api.Instance;

/// <summary>Absolute URLs of this server, taken from the request (scheme and host as the client reached us).</summary>
public static class InstanceUrls
{
    /// <summary>scheme://host[:port] plus any path base, without a trailing slash.</summary>
    public static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}";

    /// <summary>The streaming API's URL: ws:// or wss:// to this host.</summary>
    public static string StreamingUrl(HttpRequest request) =>
        $"{(request.IsHttps ? "wss" : "ws")}://{request.Host.Value}{request.PathBase.Value}";

    /// <summary>The host (and port, if not the default) that names this instance.</summary>
    public static string Domain(HttpRequest request) => request.Host.Value ?? "localhost";
}
