namespace Weft.GrainInterfaces.Accounts;

/// <summary>A registration request, already validated by the caller for shape (lengths, characters).</summary>
/// <param name="Username">The wanted username: 1–30 of [A-Za-z0-9_].</param>
/// <param name="Email">The e-mail address, unique ignoring case.</param>
/// <param name="Password">The password in clear; only its hash is stored.</param>
/// <param name="DisplayName">The display name; the username if empty.</param>
public sealed record NewAccount(string Username, string Email, string Password, string DisplayName);
