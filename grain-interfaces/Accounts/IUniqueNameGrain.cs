namespace Weft.GrainInterfaces.Accounts;

/// <summary>
/// A unique name bound to one account: keyed <c>username:&lt;lower-cased name&gt;</c> or <c>email:&lt;lower-cased address&gt;</c>.
/// One activation per key makes the claim race-free.
/// </summary>
public interface IUniqueNameGrain : IGrainWithStringKey
{
    /// <summary>Binds the name to <paramref name="accountId"/> unless another account holds it; returns the holder.</summary>
    Task<long> ClaimAsync(long accountId);

    /// <summary>Releases the name if <paramref name="accountId"/> holds it.</summary>
    Task ReleaseAsync(long accountId);

    /// <summary>The account holding the name, or null.</summary>
    [ReadOnly]
    Task<long?> GetAccountIdAsync();
}
