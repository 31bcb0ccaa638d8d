namespace Weft.Api.Mastodon;

/// <summary>The scheme and host the client used (https://example.com), the base of every absolute URL in a response.</summary>
public static class RequestOrigin
{
    public static string Get(HttpRequest request) => request.Scheme + "://" + request.Host.Value;
}
