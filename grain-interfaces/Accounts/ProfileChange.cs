namespace Weft.GrainInterfaces.Accounts;

/// <summary>An edit of the profile (Mastodon's update_credentials); a null field stays as it is.</summary>
/// <param name="DisplayName">The new display name, plain text.</param>
/// <param name="Note">The new profile text, plain text.</param>
/// <param name="Bot">Whether the account is marked as automated.</param>
/// <param name="Fields">The new metadata fields, replacing all of them (empty for none).</param>
public sealed record ProfileChange(string? DisplayName, string? Note, bool? Bot, IReadOnlyList<ProfileField>? Fields = null);
