namespace Weft.GrainInterfaces.Accounts;

/// <summary>
/// Registers accounts. Keyed by the lower-cased username, so two registrations of one name are serialized and at most
/// one wins; the e-mail address is claimed through <see cref="IUniqueNameGrain"/>.
/// </summary>
public interface IRegistrationGrain : IGrainWithStringKey
{
    /// <summary>Creates the account, its credentials and its profile; idempotent for the same username and e-mail.</summary>
    Task<RegistrationResult> RegisterAsync(NewAccount account);
}
