namespace Weft.Api.Mastodon;

/// <summary>The scheme and host the client used (https://example.com), the base of every absolute URL in a response.</summary>
public static class RequestOrigin
{
    // The host as the client sent it (an international name in ASCII): HostString.Value would give its Unicode form.
    public static string Get(HttpRequest request) => request.Scheme + "://" + request.Host.ToUriComponent();
}
