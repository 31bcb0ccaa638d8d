using System.Globalization;
using System.Text;

namespace Weft.Grains.Data;

/// <summary>
/// The words a display name is searched by, and a query's words: runs of letters, digits and combining marks (emoji
/// shortcodes, spaces and punctuation split them), composed (NFC) and in lower case — folded here rather than by the
/// database, whose lower() may leave letters outside ASCII as they are.
/// </summary>
public static class DisplayNameWords
{
    /// <summary>The words of <paramref name="text"/>, in order, repeats included.</summary>
    public static IEnumerable<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var word = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            yield return word.ToString();
        }
    }
}
