namespace Weft.Grains.Accounts;

/// <summary>What a credentials grain stores: the e-mail address and the password's hash (PasswordHasher's format).</summary>
public sealed class CredentialsState
{
    public string? Email { get; set; }

    public string? PasswordHash { get; set; }
}
