namespace Weft.Api.Accounts;

/// <summary>The local username an acct names: "name", "@name", or "name@this-server" (any case).</summary>
public static class LocalUsername
{
    /// <summary>Usernames are at most this long (registration's rule).</summary>
    public const int MaxLength = 30;

    /// <summary>The lower-case username, or null when <paramref name="acct"/> cannot name an account on this server.</summary>
    public static string? From(string acct, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(acct);
        ArgumentNullException.ThrowIfNull(request);
        var name = acct.Trim().TrimStart('@');
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            // No federation: name@domain names a local account only when the domain is this server's (with or without port).
            // In either form of an international name: read as a Host header, both come out as Unicode.
            var domain = HostString.FromUriComponent(name[(at + 1)..]);
            if (!string.Equals(domain.Value, request.Host.Value, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(domain.Value, request.Host.Host, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            name = name[..at];
        }

        return name.Length is > 0 and <= MaxLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name.ToLowerInvariant()
            : null;
    }
}
