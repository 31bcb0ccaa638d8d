using Microsoft.AspNetCore.Identity;
using Weft.GrainInterfaces.Accounts;

namespace Weft.Grains.Accounts;

/// <summary>
/// An account's e-mail address and password hash (ASP.NET Core Identity's PasswordHasher: PBKDF2-HMAC-SHA512 with a
/// per-password salt). A hash made with older settings is replaced on the next successful check. Hashing takes tens of
/// milliseconds of CPU on purpose, so it runs on the thread pool: never on a thread that polls sockets for others.
/// </summary>
public sealed class CredentialsGrain(
    [PersistentState("credentials", "Default")] IPersistentState<CredentialsState> credentials) : Grain, ICredentialsGrain
{
    private static readonly PasswordHasher<CredentialsState> s_hasher = new();

    public async Task SetAsync(string email, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        ArgumentException.ThrowIfNullOrEmpty(password);
        credentials.State.Email = email;
        credentials.State.PasswordHash = await HashAsync(credentials.State, password);
        await credentials.WriteStateAsync();
    }

    public async Task<bool> VerifyAsync(string password)
    {
        var hash = credentials.State.PasswordHash;
        if (hash is null || string.IsNullOrEmpty(password))
        {
            return false;
        }

        switch (await VerifyAsync(credentials.State, hash, password))
        {
            case PasswordVerificationResult.Success:
                return true;
            case PasswordVerificationResult.SuccessRehashNeeded:
                credentials.State.PasswordHash = await HashAsync(credentials.State, password);
                await credentials.WriteStateAsync();
                return true;
            default:
                return false;
        }
    }

    public Task<string?> GetEmailAsync() => Task.FromResult(credentials.State.Email);

    private static Task<string> HashAsync(CredentialsState state, string password) =>
        Task.Run(() => s_hasher.HashPassword(state, password));

    private static Task<PasswordVerificationResult> VerifyAsync(CredentialsState state, string hash, string password) =>
        Task.Run(() => s_hasher.VerifyHashedPassword(state, hash, password));
}
