namespace Weft.Grains.Accounts;

/// <summary>
/// What a registration grain stores: the account id chosen for the name and how far the registration got, written
/// before each step, so a retry after a crash resumes with the same id instead of leaving a name claimed by nobody.
/// The password is never stored here.
/// </summary>
public sealed class RegistrationState
{
    public long? AccountId { get; set; }

    /// <summary>The username as registered (case kept).</summary>
    public string? Username { get; set; }

    /// <summary>The e-mail address, lower-cased.</summary>
    public string? Email { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    /// <summary>Whether every step (claims, credentials, profile) is done.</summary>
    public bool Completed { get; set; }
}
