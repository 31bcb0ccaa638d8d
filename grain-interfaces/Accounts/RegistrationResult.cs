namespace Weft.GrainInterfaces.Accounts;

/// <summary>The outcome of a registration.</summary>
/// <param name="AccountId">The new account's id, or null when <paramref name="Error"/> says why not.</param>
/// <param name="Error">Null on success; otherwise which field was refused.</param>
public sealed record RegistrationResult(long? AccountId, RegistrationError? Error);

/// <summary>Why a registration was refused.</summary>
public enum RegistrationError
{
    /// <summary>The username is already registered (ignoring case).</summary>
    UsernameTaken,

    /// <summary>The e-mail address is already registered (ignoring case).</summary>
    EmailTaken,
}
