namespace Weft.Api.Auth;

/// <summary>
/// A set of Mastodon OAuth scopes with their hierarchy: <c>read</c> covers every <c>read:…</c>, <c>write</c> every
/// <c>write:…</c>, and the legacy <c>follow</c> covers reading and writing follows, blocks and mutes.
/// </summary>
public sealed class OAuthScopes
{
    private static readonly string[] s_followCovers =
        ["read:follows", "write:follows", "read:blocks", "write:blocks", "read:mutes", "write:mutes"];

    private readonly HashSet<string> _granted;

    private OAuthScopes(HashSet<string> granted) => _granted = granted;

    /// <summary>Every scope Weft knows, for validation and discovery documents.</summary>
    public static IReadOnlyList<string> Known { get; } =
    [
        "read", "write", "follow", "push", "profile",
        "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
        "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
        "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
        "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
        "write:reports", "write:statuses",
    ];

    /// <summary>The scopes as granted, space-separated.</summary>
    public override string ToString() => string.Join(' ', _granted);

    /// <summary>Parses a space-separated scope list (empty → <paramref name="defaultScope"/>).</summary>
    public static OAuthScopes Parse(string? scopes, string defaultScope = "read")
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in (string.IsNullOrWhiteSpace(scopes) ? defaultScope : scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            set.Add(scope);
        }

        return new OAuthScopes(set);
    }

    /// <summary>Whether every scope in a space-separated list is one Weft knows.</summary>
    public static bool AllKnown(string scopes)
    {
        foreach (var scope in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Known.Contains(scope))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the set grants <paramref name="scope"/> directly or through a parent scope.</summary>
    public bool Grants(string scope)
    {
        if (_granted.Contains(scope))
        {
            return true;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && _granted.Contains(scope[..colon]))
        {
            return true;
        }

        return _granted.Contains("follow") && s_followCovers.Contains(scope);
    }

    /// <summary>Whether every scope of <paramref name="requested"/> is granted by this set (a token may not exceed its app).</summary>
    public bool Covers(OAuthScopes requested)
    {
        foreach (var scope in requested._granted)
        {
            if (!Grants(scope))
            {
                return false;
            }
        }

        return true;
    }
}
