using System.Collections.Immutable;

namespace Weft.Grains.Data;

/// <summary>
/// What an account search looks for, as Mastodon's does without a search engine: accounts whose username starts with
/// <see cref="UsernamePrefix"/>, or whose display name has a word starting with each of <see cref="NameWords"/>.
/// </summary>
public sealed record AccountSearch
{
    /// <summary>Words of a query beyond these are left out.</summary>
    public const int MaxNameWords = 5;

    /// <param name="usernamePrefix">A username prefix in lower case, or null for none.</param>
    /// <param name="nameWords">Prefixes of display-name words, as <see cref="DisplayNameWords.Of"/> gives them.</param>
    public AccountSearch(string? usernamePrefix, ImmutableArray<string> nameWords)
    {
        UsernamePrefix = string.IsNullOrEmpty(usernamePrefix) ? null : usernamePrefix;
        NameWords = nameWords.IsDefault ? [] : nameWords;
    }

    public string? UsernamePrefix { get; }

    public ImmutableArray<string> NameWords { get; }

    /// <summary>Whether the search can match nothing.</summary>
    public bool IsEmpty => UsernamePrefix is null && NameWords.IsEmpty;

    /// <summary>
    /// A search for a username prefix (null or empty for none; compared in lower case) or the words of
    /// <paramref name="text"/> in display names; a text naming an account with <c>@</c> is looked up by username only.
    /// </summary>
    public static AccountSearch For(string? usernamePrefix, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Contains('@', StringComparison.Ordinal) ? [] : DisplayNameWords.Of(text).Distinct().Take(MaxNameWords).ToImmutableArray();
        return new AccountSearch(usernamePrefix?.ToLowerInvariant(), words);
    }
}
