using Weft.Api.Instance;
using Weft.GrainInterfaces.Ids;

namespace Weft.Api.Accounts;

/// <summary>
/// What a link to this server names (a search that resolves a pasted link, WebFinger's profile URLs): a profile
/// (<c>/@alice</c>, <c>/users/alice</c>) or a status (<c>/@alice/123</c>, <c>/users/alice/statuses/123</c>), on the
/// host the request reached (or <c>Weft:Instance:PublicUrl</c>'s), over http or https.
/// </summary>
/// <param name="Username">The account's lower-case username.</param>
/// <param name="StatusId">The status, or null for the profile.</param>
public sealed record LocalUrl(string Username, long? StatusId)
{
    /// <summary>Whether <paramref name="text"/> is an http(s) URL at all (then a search resolves it or finds nothing).</summary>
    public static bool IsUrl(string text) => HttpUrl(text) is not null;

    /// <summary>The profile or status <paramref name="text"/> links to on this server, or null.</summary>
    public static LocalUrl? From(string text, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(request);
        if (HttpUrl(text) is not { } uri || !InstanceUrls.IsOnThisHost(uri, request))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        var (name, status) = segments switch
        {
            [var at] when at.StartsWith('@') => (at[1..], null),
            [var at, var id] when at.StartsWith('@') => (at[1..], id),
            ["users", var user] => (user, null),
            ["users", var user, "statuses", var id] => (user, id),
            _ => ((string?)null, (string?)null),
        };

        // A name with a domain in the path is no local profile.
        if (name is null || name.Contains('@', StringComparison.Ordinal) || LocalUsername.From(name, request) is not { } username)
        {
            return null;
        }

        if (status is null)
        {
            return new LocalUrl(username, null);
        }

        return SnowflakeId.TryParse(status, out var statusId) ? new LocalUrl(username, statusId) : null;
    }

    private static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
