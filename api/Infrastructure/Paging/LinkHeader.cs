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

        // Everything before the cursor is the same in both links: built once per request.
        var request = context.Request;
        var prefix = new StringBuilder(256)
            .Append(request.Scheme).Append("://").Append(request.Host.ToUriComponent())
            .Append(request.PathBase.ToUriComponent()).Append(request.Path.ToUriComponent()).Append('?');
        foreach (var (key, values) in request.Query)
        {
            if (Array.IndexOf(s_droppedParameters, key) >= 0)
            {
                continue;
            }

            foreach (var value in values)
            {
                prefix.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty)).Append('&');
            }
        }

        var start = prefix.ToString();
        var next = oldestCursor is { } oldest ? Link(start, "max_id", oldest, "next") : null;
        var prev = newestCursor is { } newest ? Link(start, "min_id", newest, "prev") : null;
        context.Response.Headers.Link = next is null ? prev : prev is null ? next : string.Concat(next, ", ", prev);
    }

    /// <summary>
    /// For a page of accounts, as Mastodon's account lists: the "next" link only when the page came back full, since a
    /// shorter one is the last, so a paginator stops without asking for an empty page.
    /// </summary>
    public static void SetForAccounts(HttpContext context, long? newestCursor, long? oldestCursor, int count, int limit) =>
        Set(context, newestCursor, count >= limit ? oldestCursor : null);

    private static string Link(string start, string cursorName, long cursor, string rel) =>
        string.Concat("<", start, cursorName, "=", cursor.ToString(CultureInfo.InvariantCulture), ">; rel=\"", rel, "\"");
}
