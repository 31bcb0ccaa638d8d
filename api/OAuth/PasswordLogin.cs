using Microsoft.AspNetCore.Identity;
using Weft.Api.Registration;
using Weft.GrainInterfaces.Accounts;

namespace Weft.Api.OAuth;

/// <summary>Checks a login (username or e-mail address) and password; used by the password grant and the login page.</summary>
public static class PasswordLogin
{
    private static readonly PasswordHasher<object> s_hasher = new();

    // Checked against when the login names no account, so an unknown login takes as long as a wrong password and
    // the timing does not tell which usernames or addresses exist. Made at its first use, on the thread pool like
    // every hash here.
    private static readonly Lazy<string> s_decoyHash = new(() => s_hasher.HashPassword(new object(), "decoy password for unknown logins"));

    /// <summary>The account id if <paramref name="login"/> names an account whose password is <paramref name="password"/>; otherwise null.</summary>
    public static async Task<long?> VerifyAsync(IGrainFactory grains, string login, string password)
    {
        var key = AccountFieldRules.LoginKey(login.Trim());
        if (password.Length == 0)
        {
            return null;
        }

        var accountId = key is null ? null : await grains.GetGrain<IUniqueNameGrain>(key).GetAccountIdAsync();
        if (accountId is not { } id)
        {
            // On the thread pool, as the credentials grain hashes: tens of milliseconds must not hold a socket thread.
            await Task.Run(() => s_hasher.VerifyHashedPassword(new object(), s_decoyHash.Value, password));
            return null;
        }

        return await grains.GetGrain<ICredentialsGrain>(id).VerifyAsync(password) ? id : null;
    }
}
