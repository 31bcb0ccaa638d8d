using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Mastodon;

/// <summary>
/// Turns plain text into the safe HTML Mastodon sends: everything is HTML-escaped, then http(s) URLs, resolved
/// @mentions and #hashtags become links; blank lines separate paragraphs and other newlines become &lt;br /&gt;.
/// User-supplied markup never passes through.
/// </summary>
public static partial class HtmlText
{
    private const int VisibleUrlLength = 30;

    /// <summary>Formats a status's text. Only <paramref name="mentions"/> and <paramref name="tags"/> become links.</summary>
    public static string FormatStatus(string text, ImmutableArray<Mention> mentions, ImmutableArray<string> tags, string origin) =>
        Format(text, mentions.IsDefault ? [] : mentions, tags.IsDefault ? [] : tags, origin);

    /// <summary>Formats a profile note: URLs, and the <paramref name="mentions"/> and <paramref name="tags"/> resolved when it was saved, become links.</summary>
    public static string FormatNote(string text, ImmutableArray<Mention>? mentions, ImmutableArray<string>? tags, string origin) =>
        Format(text, mentions is { IsDefault: false } resolved ? resolved : [], tags is { IsDefault: false } named ? named : [], origin);

    /// <summary>
    /// Formats a profile field's value: one line, URLs become links marked rel="me" (the owner says the page is theirs,
    /// as Mastodon's account_field_value_format), no paragraph around it.
    /// </summary>
    public static string FormatField(string value, string origin)
    {
        var html = new StringBuilder(value.Length + 16);
        FormatLine(html, value.ReplaceLineEndings(" ").Trim(), [], [], origin, relMe: true);
        return html.ToString();
    }

    /// <summary>Escapes text for HTML element content and attribute values.</summary>
    public static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': html.Append("&amp;"); break;
                case '<': html.Append("&lt;"); break;
                case '>': html.Append("&gt;"); break;
                case '"': html.Append("&quot;"); break;
                case '\'': html.Append("&#39;"); break;
                default: html.Append(c); break;
            }
        }
    }

    private static string Format(string text, ImmutableArray<Mention> mentions, ImmutableArray<string> tags, string origin)
    {
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (normalized.Length == 0)
        {
            return "";
        }

        var html = new StringBuilder(normalized.Length + 32);
        foreach (var paragraph in ParagraphBreak().Split(normalized))
        {
            if (paragraph.Length == 0)
            {
                continue;
            }

            html.Append("<p>");
            var first = true;
            foreach (var line in paragraph.Split('\n'))
            {
                if (!first)
                {
                    html.Append("<br />");
                }

                first = false;
                FormatLine(html, line, mentions, tags, origin, relMe: false);
            }

            html.Append("</p>");
        }

        return html.ToString();
    }

    private static void FormatLine(StringBuilder html, string line, ImmutableArray<Mention> mentions, ImmutableArray<string> tags, string origin, bool relMe)
    {
        var position = 0;
        foreach (Match match in Entity().Matches(line))
        {
            if (match.Index < position)
            {
                continue;
            }

            var written = match.Groups["url"].Success ? TryUrl(html, line, position, match, relMe)
                : match.Groups["user"].Success ? TryMention(html, line, position, match, mentions, origin)
                : TryHashtag(html, line, position, match, tags, origin);
            if (written > 0)
            {
                position = written;
            }
        }

        Escape(html, line.AsSpan(position));
    }

    /// <returns>The index after what was written, or 0 if the match is not a link.</returns>
    private static int TryUrl(StringBuilder html, string line, int position, Match match, bool relMe)
    {
        var url = TrimUrl(match.Value);
        if (!Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return 0;
        }

        Escape(html, line.AsSpan(position, match.Index - position));
        var prefixLength = url.StartsWith("https://www.", StringComparison.OrdinalIgnoreCase) ? 12
            : url.StartsWith("http://www.", StringComparison.OrdinalIgnoreCase) ? 11
            : url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? 8 : 7;
        var rest = url.AsSpan(prefixLength);
        var visible = rest[..Math.Min(rest.Length, VisibleUrlLength)];
        var hidden = rest[visible.Length..];

        html.Append("<a href=\"");
        Escape(html, url);
        html.Append(relMe
            ? "\" target=\"_blank\" rel=\"nofollow noopener me\" translate=\"no\"><span class=\"invisible\">"
            : "\" target=\"_blank\" rel=\"nofollow noopener\" translate=\"no\"><span class=\"invisible\">");
        Escape(html, url.AsSpan(0, prefixLength));
        html.Append(hidden.IsEmpty ? "</span><span class=\"\">" : "</span><span class=\"ellipsis\">");
        Escape(html, visible);
        html.Append("</span><span class=\"invisible\">");
        Escape(html, hidden);
        html.Append("</span></a>");
        return match.Index + url.Length;
    }

    private static int TryMention(StringBuilder html, string line, int position, Match match, ImmutableArray<Mention> mentions, string origin)
    {
        var user = match.Groups["user"].Value;
        if (match.Groups["domain"].Success && !IsOwnDomain(match.Groups["domain"].ValueSpan, origin))
        {
            return 0;
        }

        Mention? mention = null;
        foreach (var candidate in mentions)
        {
            if (string.Equals(candidate.Username, user, StringComparison.OrdinalIgnoreCase))
            {
                mention = candidate;
                break;
            }
        }

        if (mention is null)
        {
            return 0;
        }

        Escape(html, line.AsSpan(position, match.Index - position));
        html.Append("<span class=\"h-card\" translate=\"no\"><a href=\"");
        Escape(html, origin);
        html.Append("/@");
        Escape(html, mention.Username);
        html.Append("\" class=\"u-url mention\">@<span>");
        Escape(html, mention.Username);
        html.Append("</span></a></span>");
        return match.Index + match.Length;
    }

    private static int TryHashtag(StringBuilder html, string line, int position, Match match, ImmutableArray<string> tags, string origin)
    {
        var tag = match.Groups["tag"].Value;

        // Stored names are folded; statuses stored before folding hold the name in lower case. The link goes to the name
        // as stored.
        var folded = HashtagName.Fold(tag);
        string? known = null;
        foreach (var candidate in tags)
        {
            if (string.Equals(candidate, folded, StringComparison.Ordinal) || string.Equals(candidate, tag, StringComparison.OrdinalIgnoreCase))
            {
                known = candidate;
                break;
            }
        }

        if (known is null)
        {
            return 0;
        }

        Escape(html, line.AsSpan(position, match.Index - position));
        html.Append("<a href=\"");
        Escape(html, origin);
        html.Append("/tags/");
        Escape(html, Uri.EscapeDataString(known));
        html.Append("\" class=\"mention hashtag\" rel=\"tag\">#<span>");
        Escape(html, tag);
        html.Append("</span></a>");
        return match.Index + match.Length;
    }

    private static bool IsOwnDomain(ReadOnlySpan<char> domain, string origin)
    {
        var host = origin.AsSpan(origin.IndexOf("://", StringComparison.Ordinal) + 3);
        return domain.Equals(host, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Drops punctuation that ends a sentence rather than the URL, and a ')' that closes an outer bracket.</summary>
    private static string TrimUrl(string url)
    {
        var end = url.Length;
        while (end > 0)
        {
            var c = url[end - 1];
            if (c is '.' or ',' or ';' or ':' or '!' or '?')
            {
                end--;
            }
            else if (c == ')' && url.AsSpan(0, end).Count('(') < url.AsSpan(0, end).Count(')'))
            {
                end--;
            }
            else
            {
                break;
            }
        }

        return url[..end];
    }

    [GeneratedRegex(@"\n{2,}")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"(?<url>https?://[^\s<>""'`\u0000-\u001f]+)|(?<=^|[^\p{L}\p{N}_/@.])@(?<user>[A-Za-z0-9_]+)(?:@(?<domain>[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?(?::[0-9]+)?))?|(?<=^|[^\p{L}\p{N}_/&#])#(?<tag>[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex Entity();
}
