using System.Globalization;
using System.Text.RegularExpressions;

namespace Weft.Api.Mastodon;

/// <summary>
/// Counts a status's length as Mastodon does: user-perceived characters (grapheme clusters) of the content warning
/// and the text, every URL counting as 23 and a remote mention as its local part only.
/// </summary>
public static partial class StatusLength
{
    /// <summary>Mastodon's default limit.</summary>
    public const int MaxCharacters = 500;

    /// <summary>What a URL counts, however long.</summary>
    public const int UrlLength = 23;

    public static int Count(string text, string spoilerText)
    {
        var countable = Url().Replace(text, new string('x', UrlLength));
        countable = RemoteMention().Replace(countable, "@${user}");
        return new StringInfo(spoilerText).LengthInTextElements + new StringInfo(countable).LengthInTextElements;
    }

    [GeneratedRegex(@"https?://[^\s<>""'`\u0000-\u001f]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<=^|[^\p{L}\p{N}_/@.])@(?<user>[A-Za-z0-9_]+)@[A-Za-z0-9.\-]+[A-Za-z0-9]", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteMention();
}
