using Weft.GrainInterfaces.Statuses;

namespace Weft.GrainInterfaces.Accounts;

/// <summary>
/// What the account's new statuses get when the client leaves a choice out: Mastodon's <c>source</c> privacy, sensitive
/// and language, shown to clients as the <c>posting:default:*</c> preferences.
/// </summary>
/// <param name="Visibility">Public, unlisted or private (direct cannot be a default, as in Mastodon).</param>
/// <param name="Sensitive">Whether media is marked sensitive.</param>
/// <param name="Language">ISO 639 language code, or null for none.</param>
public sealed record PostingDefaults(StatusVisibility Visibility, bool Sensitive, string? Language)
{
    /// <summary>A new account's: public, not sensitive, no language.</summary>
    public static PostingDefaults Initial { get; } = new(StatusVisibility.Public, false, null);
}
