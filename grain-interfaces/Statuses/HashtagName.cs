using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Weft.GrainInterfaces.Statuses;

/// <summary>
/// What a hashtag name is made of, shared by the status parser and the API's tag routes so a name one accepts the
/// other can match. As Mastodon's: word characters of any script — letters, combining marks (Devanagari, Tamil and
/// Bengali vowel signs), decimal digits, '_' — plus the zero-width non-joiner that Persian spells words with and the
/// middle dot of Catalan, inside a name. Names are stored and compared folded as Mastodon's <c>HashtagNormalizer</c>
/// folds Latin and full-width text (<see cref="Fold"/>): "#Café", "#cafe", "#CAFE" and "#ｃａｆｅ" are one tag.
/// </summary>
public static class HashtagName
{
    /// <summary>The longest name, in UTF-16 code units.</summary>
    public const int MaxLength = 100;

    private const char ZeroWidthNonJoiner = '\u200C';
    private const char MiddleDot = '\u00B7';

    private const char CombiningAccentsFirst = '\u0300';
    private const char CombiningAccentsLast = '\u036F';
    private const char FullWidthAsciiFirst = '\uFF01';
    private const char FullWidthAsciiLast = '\uFF5E';

    // Latin letters (Latin-1, Extended-A and -B, Extended Additional) whose compatibility decomposition is one ASCII
    // letter and combining marks, and that letter; generated from Unicode's data. Letters without such a base (æ, ß, œ,
    // ø, ł, đ) stay as they are, where Mastodon's table spells them in ASCII.
    private static readonly FrozenDictionary<char, char> s_latinBases = Pairs(
        "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵ" +
        "ĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺ" +
        "ǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶ" +
        "ḷḸḹḺḻḼḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẛ" +
        "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ",
        "AAAAAACEEEEIIIINOOOOOUUUUYaaaaaaceeeeiiiinooooouuuuyyAaAaAaCcCcCcCcDdEeEeEeEeEeGgGgGgGgHhIiIiIiIiIJj" +
        "KkLlLlLlNnNnNnOoOoOoRrRrRrSsSsSsSsTtTtUuUuUuUuUuUuWwYyYZzZzZzsOoUuAaIiOoUuUuUuUuUuAaAaGgKkOoOojGgNnA" +
        "aAaAaEeEeIiIiOoOoRrRrUuUuSsTtHhAaEeOoOoOoOoYyAaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFfGgHhHhHhHhHhIiIiKkKkKkL" +
        "lLlLlLlMmMmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRrSsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVvWwWwWwWwWwXxXxYyZzZzZzhtwys" +
        "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEeEeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOoOoOoUuUuUuUuUuUuUuYyYyYyYy");

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

    /// <summary>The name as stored and compared (<see cref="Fold"/>); null if it is not a valid name (or too long).</summary>
    public static string? Normalize(ReadOnlySpan<char> name) =>
        name.IsEmpty || name.Length > MaxLength || Measure(name) != name.Length ? null : Fold(name);

    /// <summary>
    /// The form a name is stored and compared in, close to Mastodon's (NFKC, lower case, then ASCII folding) for the text
    /// that form changes most: full-width ASCII becomes ASCII, a Latin letter loses its accents whether written as one
    /// character or followed by combining ones (U+0300–U+036F), and the whole is in lower case. Other scripts keep their
    /// marks. Not the full NFKC: Weft runs in invariant globalization mode (no ICU), where .NET does not normalize.
    /// </summary>
    public static string Fold(ReadOnlySpan<char> name)
    {
        Span<char> folded = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = 0;
        foreach (var c in name)
        {
            if (c is >= CombiningAccentsFirst and <= CombiningAccentsLast && length > 0 && char.IsAsciiLetter(folded[length - 1]))
            {
                continue;
            }

            folded[length++] = c switch
            {
                >= FullWidthAsciiFirst and <= FullWidthAsciiLast => (char)(c - FullWidthAsciiFirst + '!'),
                _ when s_latinBases.TryGetValue(c, out var letter) => letter,
                _ => c,
            };
        }

        return folded[..length].ToString().ToLowerInvariant();
    }

    private static FrozenDictionary<char, char> Pairs(string letters, string bases) =>
        FrozenDictionary.ToFrozenDictionary(Enumerable.Range(0, letters.Length), i => letters[i], i => bases[i]);
}
