using System.Text.RegularExpressions;

namespace Weft.Api.Tests.Support;

/// <summary>Reads Mastodon's pagination Link header.</summary>
public static partial class LinkHeaders
{
    /// <summary>The URL of the link with <paramref name="rel"/>; fails the test if there is none.</summary>
    public static string Get(HttpResponseMessage response, string rel) =>
        Find(response, rel) ?? throw new Xunit.Sdk.XunitException($"No Link rel=\"{rel}\" in the response.");

    /// <summary>The URL of the link with <paramref name="rel"/>, or null.</summary>
    public static string? Find(HttpResponseMessage response, string rel)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match match in Link().Matches(string.Join(", ", values)))
        {
            if (match.Groups["rel"].Value == rel)
            {
                return match.Groups["url"].Value;
            }
        }

        return null;
    }

    [GeneratedRegex("<(?<url>[^>]+)>; rel=\"(?<rel>[a-z]+)\"")]
    private static partial Regex Link();
}
