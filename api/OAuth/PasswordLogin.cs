using Weft.Api.Registration;
using Weft.GrainInterfaces.Accounts;

namespace Weft.Api.OAuth;

/// <summary>Checks a login (username or e-mail address) and password; used by the password grant and the login page.</summary>
public static class PasswordLogin
{
    /// <summary>The account id if <paramref name="login"/> names an account whose password is <paramref name="password"/>; otherwise null.</summary>
    public static async Task<long?> VerifyAsync(IGrainFactory grains, string login, string password)
    {
        var key = AccountFieldRules.LoginKey(login.Trim());
        if (key is null || password.Length == 0)
        {
            return null;
        }

        var accountId = await grains.GetGrain<IUniqueNameGrain>(key).GetAccountIdAsync();
        return accountId is { } id && await grains.GetGrain<ICredentialsGrain>(id).VerifyAsync(password) ? id : null;
    }
}
