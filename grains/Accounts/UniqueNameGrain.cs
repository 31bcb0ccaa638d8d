using Weft.GrainInterfaces.Accounts;

namespace Weft.Grains.Accounts;

/// <summary>
/// A username or e-mail address bound to one account. Claims are decided by this one activation in turn, and written
/// before the answer, so two racing registrations can never both hold the name.
/// </summary>
public sealed class UniqueNameGrain(
    [PersistentState("name", "Default")] IPersistentState<UniqueNameState> name) : Grain, IUniqueNameGrain
{
    public async Task<long> ClaimAsync(long accountId)
    {
        if (name.State.AccountId is { } holder)
        {
            return holder;
        }

        name.State.AccountId = accountId;
        await name.WriteStateAsync();
        return accountId;
    }

    public async Task ReleaseAsync(long accountId)
    {
        if (name.State.AccountId == accountId)
        {
            await name.ClearStateAsync();
        }
    }

    public Task<long?> GetAccountIdAsync() => Task.FromResult(name.State.AccountId);
}
