using System.Collections.Immutable;
using System.Text;

namespace Weft.Grains.Data;

/// <summary>
/// What an account search looks for, as Mastodon's does without a search engine: accounts whose username starts with
/// <see cref="UsernamePrefix"/>, or whose display name has a word starting with each of <see cref="NameWords"/>.
/// </summary>
public sealed record AccountSearch(string? UsernamePrefix, ImmutableArray<string> NameWords)
{
    /// <summary>Words of a query beyond these are left out.</summary>
    public const int MaxNameWords = 5;

    /// <summary>Whether the search can match nothing.</summary>
    public bool IsEmpty => UsernamePrefix is null && NameWords.IsEmpty;

    /// <summary>
    /// A search for a username prefix (null or empty for none; compared in lower case) or the words of
    /// <paramref name="text"/> in display names; a text naming an account with <c>@</c> is looked up by username only.
    /// </summary>
    public static AccountSearch For(string? usernamePrefix, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Contains('@', StringComparison.Ordinal) ? [] : SearchableName.Words(text).Take(MaxNameWords).ToImmutableArray();
        return new AccountSearch(string.IsNullOrEmpty(usernamePrefix) ? null : usernamePrefix.ToLowerInvariant(), words);
    }
}

/// <summary>
/// A display name as the directory stores it for search: its words in lower case, each after a space (" zebulon quux"),
/// so that "a word of the name starts with w" is "the text contains ' ' + w", the same test in SQLite and PostgreSQL.
/// Folded here rather than by the database, whose lower() may leave letters outside ASCII as they are.
/// </summary>
public static class SearchableName
{
    /// <summary>The stored form of <paramref name="displayName"/>.</summary>
    public static string Of(string displayName)
    {
        var builder = new StringBuilder(displayName.Length + 1);
        foreach (var word in Words(displayName))
        {
            builder.Append(' ').Append(word);
        }

        return builder.ToString();
    }

    /// <summary>The words of a text, in lower case: runs of letters and digits (custom-emoji shortcodes and punctuation split them).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return text[start..i].ToLowerInvariant();
                start = -1;
            }
        }
    }
}
