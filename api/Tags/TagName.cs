using Weft.GrainInterfaces.Statuses;

namespace Weft.Api.Tags;

/// <summary>
/// Hashtag names as clients send them: with or without '#', any case, any script. A name follows
/// <see cref="HashtagName"/>, the status parser's rule, so a name it rejects can match no status.
/// </summary>
public static class TagName
{
    /// <summary>The name as stored (folded, without '#'), or null when <paramref name="raw"/> is no valid tag name.</summary>
    public static string? Normalize(string? raw)
    {
        var name = raw.AsSpan();
        if (name.StartsWith('#'))
        {
            name = name[1..];
        }

        return HashtagName.Normalize(name);
    }
}
