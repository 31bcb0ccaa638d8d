namespace Weft.Api.Registration;

/// <summary>The shapes of usernames, e-mail addresses and passwords, checked before anything becomes a grain key.</summary>
public static class AccountFieldRules
{
    public const int MaxUsernameLength = 30;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 72;
    public const int MaxEmailLength = 254;

    /// <summary>1–30 of [A-Za-z0-9_].</summary>
    public static bool IsUsername(string value) =>
        value.Length is > 0 and <= MaxUsernameLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// local@domain.tld, at most 254 characters, no spaces, controls or surrogates, one '@', a dot in the domain not at
    /// its ends. Deliverability is not checked (nothing is sent).
    /// </summary>
    public static bool IsEmail(string value)
    {
        if (value.Length is < 5 or > MaxEmailLength
            || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c is '<' or '>' or '"' or ',' or ';' or '\\'))
        {
            return false;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at is <= 0 or > 64 || value.IndexOf('@', at + 1) >= 0)
        {
            return false;
        }

        var domain = value[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.StartsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>The grain key of the unique name a login (username or e-mail address) refers to, or null if it is neither.</summary>
    public static string? LoginKey(string login)
    {
        if (IsUsername(login))
        {
            return "username:" + login.ToLowerInvariant();
        }

        return IsEmail(login) ? "email:" + login.ToLowerInvariant() : null;
    }
}
