using Weft.GrainInterfaces.Accounts;
using Weft.Grains.Ids;

namespace Weft.Grains.Accounts;

/// <summary>
/// Registers one username (the key, lower-cased). Steps, each idempotent: choose an id and record it; claim
/// <c>username:&lt;name&gt;</c>; claim <c>email:&lt;address&gt;</c> (if another account holds it, release the username
/// and forget the attempt); store the credentials; create the profile; mark the registration complete.
/// Calls run in turn, so concurrent registrations of one name are decided here, one after another.
/// </summary>
public sealed class RegistrationGrain(
    [PersistentState("registration", "Default")] IPersistentState<RegistrationState> registration,
    SnowflakeIdGenerator ids,
    TimeProvider timeProvider) : Grain, IRegistrationGrain
{
    public async Task<RegistrationResult> RegisterAsync(NewAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var name = GetPrimaryKeyString();
        if (!string.Equals(account.Username.ToLowerInvariant(), name, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Registration grain '{name}' cannot register '{account.Username}'.", nameof(account));
        }

        var email = account.Email.ToLowerInvariant();
        var state = registration.State;
        if (state.Completed)
        {
            // A retry of a registration that succeeded (its answer may have been lost) gets the same account, but only
            // with the same e-mail and password: knowing a username and address must not be enough to obtain a token.
            return state.Email == email && await Credentials(state.AccountId!.Value).VerifyAsync(account.Password)
                ? new RegistrationResult(state.AccountId, null)
                : new RegistrationResult(null, RegistrationError.UsernameTaken);
        }

        if (state.AccountId is { } pendingId && state.Email != email)
        {
            // An earlier attempt stopped half-way (crash) and never answered; this request takes the name over with
            // the same id, so a claim the earlier attempt left behind is released rather than orphaned.
            await UniqueName("email:" + state.Email).ReleaseAsync(pendingId);
        }

        var accountId = state.AccountId ?? ids.NextId();
        state.AccountId = accountId;
        state.Username = account.Username;
        state.Email = email;
        state.StartedAt = timeProvider.GetUtcNow();
        await registration.WriteStateAsync();

        if (await UniqueName("username:" + name).ClaimAsync(accountId) != accountId)
        {
            await registration.ClearStateAsync();
            return new RegistrationResult(null, RegistrationError.UsernameTaken);
        }

        if (await UniqueName("email:" + email).ClaimAsync(accountId) != accountId)
        {
            await UniqueName("username:" + name).ReleaseAsync(accountId);
            await registration.ClearStateAsync();
            return new RegistrationResult(null, RegistrationError.EmailTaken);
        }

        await Credentials(accountId).SetAsync(email, account.Password);
        var displayName = string.IsNullOrWhiteSpace(account.DisplayName) ? account.Username : account.DisplayName;
        await GrainFactory.GetGrain<IAccountGrain>(accountId).CreateAsync(
            new AccountProfile(accountId, account.Username, displayName, "", timeProvider.GetUtcNow(), Locked: false, Bot: false));

        state.Completed = true;
        await registration.WriteStateAsync();
        return new RegistrationResult(accountId, null);
    }

    private IUniqueNameGrain UniqueName(string key) => GrainFactory.GetGrain<IUniqueNameGrain>(key);

    private ICredentialsGrain Credentials(long accountId) => GrainFactory.GetGrain<ICredentialsGrain>(accountId);
}
