namespace Weft.GrainInterfaces.Accounts;

/// <summary>An account's login secrets (e-mail and password hash), apart from its public profile. Keyed by account id.</summary>
public interface ICredentialsGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the e-mail and a hash of the password (PBKDF2 through ASP.NET Core's PasswordHasher).</summary>
    Task SetAsync(string email, string password);

    /// <summary>Whether <paramref name="password"/> matches; false if no credentials exist.</summary>
    Task<bool> VerifyAsync(string password);

    /// <summary>The stored e-mail address, or null.</summary>
    [ReadOnly]
    Task<string?> GetEmailAsync();
}
