namespace Weft.GrainInterfaces.Accounts;

/// <summary>An account the user muted.</summary>
/// <param name="AccountId">The muted account.</param>
/// <param name="MuteId">The mute's id (a snowflake: when it was made), the cursor of the mutes list.</param>
/// <param name="Notifications">Whether its notifications are muted too.</param>
/// <param name="ExpiresAt">When the mute ends by itself, or null for never.</param>
public sealed record Mute(long AccountId, long MuteId, bool Notifications, DateTimeOffset? ExpiresAt);

/// <summary>Mastodon's rule for what a mute hides, in one place for every list and stream that applies it.</summary>
public static class Muting
{
    /// <summary>Whether a status by <paramref name="authorId"/> (reblogging a status by <paramref name="reblogOfAccountId"/>, if any) is hidden by <paramref name="muted"/>.</summary>
    public static bool Hides(IReadOnlySet<long> muted, long authorId, long? reblogOfAccountId)
    {
        ArgumentNullException.ThrowIfNull(muted);
        return muted.Count > 0 && (muted.Contains(authorId) || reblogOfAccountId is { } original && muted.Contains(original));
    }
}
