using System.Text.RegularExpressions;

namespace Weft.Api.Mastodon;

/// <summary>ISO 639 language codes as clients send them (<c>en</c>, <c>pt-BR</c>), lower-cased.</summary>
public static partial class LanguageCodes
{
    /// <summary>The code lower-cased, or null if <paramref name="code"/> is absent or not shaped like one.</summary>
    public static string? Normalize(string? code) => code is not null && Shape().IsMatch(code) ? code.ToLowerInvariant() : null;

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex Shape();
}
