using System.Globalization;
using System.Text;

namespace Weft.Api.Infrastructure.Paging;

/// <summary>
/// Mastodon's pagination Link header: <c>next</c> pages to older items (max_id), <c>prev</c> to newer ones (min_id).
/// URLs are absolute and keep every other query parameter, so clients can follow them as they are.
/// </summary>
public static class LinkHeader
{
    // The cursors are replaced; a token sent as ?access_token= is left out so it does not travel on in headers.
    private static readonly string[] s_droppedParameters = ["max_id", "min_id", "since_id", "access_token"];

    /// <summary>Sets the header from the page's cursors; nothing when the page is empty.</summary>
    public static void Set(HttpContext context, long? newestCursor, long? oldestCursor)
    {
        if (newestCursor is null && oldestCursor is null)
        {
            return;
        }

        var request = context.Request;
        var baseUrl = string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent(), request.Path.ToUriComponent());
        var links = new List<string>(2);
        if (oldestCursor is { } oldest)
        {
            links.Add($"<{Url(baseUrl, request.Query, "max_id", oldest)}>; rel=\"next\"");
        }

        if (newestCursor is { } newest)
        {
            links.Add($"<{Url(baseUrl, request.Query, "min_id", newest)}>; rel=\"prev\"");
        }

        context.Response.Headers.Link = string.Join(", ", links);
    }

    private static string Url(string baseUrl, IQueryCollection query, string cursorName, long cursor)
    {
        var url = new StringBuilder(baseUrl).Append('?');
        foreach (var (key, values) in query)
        {
            if (Array.IndexOf(s_droppedParameters, key) >= 0)
            {
                continue;
            }

            foreach (var value in values)
            {
                url.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty)).Append('&');
            }
        }

        return url.Append(cursorName).Append('=').Append(cursor.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
