using System.Buffers;
using System.Globalization;
using System.Text;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>
/// What a hashtag name is made of, shared by the status parser and the API's tag routes so a name one accepts the
/// other can match. As Mastodon's: word characters of any script — letters, combining marks (Devanagari, Tamil and
/// Bengali vowel signs), decimal digits, '_' — plus the zero-width non-joiner that Persian spells words with and the
/// middle dot of Catalan, inside a name. Names compare in lower case. Unlike Mastodon's, they are not NFKC-normalized:
/// Weft runs in invariant globalization mode (no ICU needed), where .NET does not normalize, so a decomposed
/// "cafe\u0301" and a precomposed "café" are two names.
/// </summary>
public static class HashtagName
{
    /// <summary>The longest name, in UTF-16 code units.</summary>
    public const int MaxLength = 100;

    private const char ZeroWidthNonJoiner = '\u200C';
    private const char MiddleDot = '\u00B7';

    /// <summary>Whether <paramref name="rune"/> may be part of a name.</summary>
    public static bool IsNameRune(Rune rune) =>
        Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.ConnectorPunctuation => true,
            _ => rune.Value is ZeroWidthNonJoiner or MiddleDot,
        };

    /// <summary>
    /// The length in UTF-16 code units of the name at the start of <paramref name="text"/> (0 if none): name runes, not
    /// ending in a joiner or middle dot, with at least one letter.
    /// </summary>
    public static int Measure(ReadOnlySpan<char> text)
    {
        var end = 0;
        var lastWordEnd = 0;
        var hasLetter = false;
        while (end < text.Length && Rune.DecodeFromUtf16(text[end..], out var rune, out var consumed) == OperationStatus.Done && IsNameRune(rune))
        {
            end += consumed;
            if (rune.Value is not (ZeroWidthNonJoiner or MiddleDot))
            {
                lastWordEnd = end;
            }

            hasLetter |= Rune.IsLetter(rune);
        }

        return hasLetter ? lastWordEnd : 0;
    }

    /// <summary>The name as stored and compared, in lower case; null if it is not a valid name (or too long).</summary>
    public static string? Normalize(ReadOnlySpan<char> name) =>
        name.IsEmpty || name.Length > MaxLength || Measure(name) != name.Length ? null : name.ToString().ToLowerInvariant();
}
