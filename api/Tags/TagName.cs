namespace Weft.Api.Tags;

/// <summary>
/// Hashtag names as clients send them: with or without '#', any case. A name is letters, digits and '_', at most 100,
/// the characters the status parser takes for a tag, so a name it rejects can match no status.
/// </summary>
public static class TagName
{
    /// <summary>The longest hashtag (as the status parser's).</summary>
    public const int MaxLength = 100;

    /// <summary>The lower-case name without '#', or null when <paramref name="raw"/> is no valid tag name.</summary>
    public static string? Normalize(string? raw)
    {
        var name = raw.AsSpan();
        if (name.StartsWith('#'))
        {
            name = name[1..];
        }

        if (name.IsEmpty || name.Length > MaxLength)
        {
            return null;
        }

        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) && c != '_')
            {
                return null;
            }
        }

        return name.ToString().ToLowerInvariant();
    }
}
