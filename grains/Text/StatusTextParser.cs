using System.Collections.Immutable;
using Weft.GrainInterfaces.Statuses;

namespace Weft.Grains.Text;

/// <summary>
/// Finds mentions and hashtags in plain status text, close to Mastodon's rules:
/// <list type="bullet">
/// <item>a mention is <c>@name</c> with a name of 1–30 of [A-Za-z0-9_], not preceded by a word character, '=' or '/'
/// (so e-mail addresses and URLs are not mentions); <c>@name@domain</c> names a remote account and is skipped (Weft has
/// no federation);</item>
/// <item>a hashtag is <c>#tag</c> of word characters of any script with at least one letter (<see cref="HashtagName"/>:
/// letters, combining marks, digits, '_', and a zero-width non-joiner or middle dot inside), at most 100, not preceded
/// by a word character, '=', '/' or ')'.</item>
/// </list>
/// Results are distinct and in order of first appearance: mentions in lower case, hashtags folded
/// (<see cref="HashtagName.Fold"/>).
/// </summary>
public static class StatusTextParser
{
    /// <summary>The longest username.</summary>
    public const int MaxUsernameLength = 30;

    /// <summary>Parses <paramref name="text"/>.</summary>
    public static ParsedStatusText Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ImmutableArray<string>.Builder? mentions = null;
        ImmutableArray<string>.Builder? tags = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('@' or '#') || (i > 0 && !MayPrecede(text[i - 1], c)))
            {
                continue;
            }

            var start = i + 1;
            var end = start;
            if (c == '@')
            {
                while (end < text.Length && IsUsernameChar(text[end]))
                {
                    end++;
                }

                var remote = end < text.Length - 1 && text[end] == '@' && char.IsAsciiLetterOrDigit(text[end + 1]);
                if (end > start && end - start <= MaxUsernameLength && !remote)
                {
                    AddDistinct(mentions ??= ImmutableArray.CreateBuilder<string>(), text.AsSpan(start, end - start).ToString().ToLowerInvariant());
                }
            }
            else
            {
                end += HashtagName.Measure(text.AsSpan(start));
                if (end > start && end - start <= HashtagName.MaxLength)
                {
                    AddDistinct(tags ??= ImmutableArray.CreateBuilder<string>(), HashtagName.Fold(text.AsSpan(start, end - start)));
                }
            }

            i = end - 1;
        }

        return new ParsedStatusText(
            mentions?.ToImmutable() ?? ImmutableArray<string>.Empty,
            tags?.ToImmutable() ?? ImmutableArray<string>.Empty);
    }

    private static bool IsUsernameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool MayPrecede(char previous, char sigil) =>
        !(char.IsLetterOrDigit(previous) || previous is '_' or '=' or '/' || (sigil == '#' && previous == ')') || previous == sigil);

    private static void AddDistinct(ImmutableArray<string>.Builder into, string name)
    {
        if (!into.Contains(name))
        {
            into.Add(name);
        }
    }
}
