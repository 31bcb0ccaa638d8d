namespace Weft.GrainInterfaces.Accounts;

/// <summary>An account the user muted.</summary>
/// <param name="AccountId">The muted account.</param>
/// <param name="MuteId">The mute's id (a snowflake: when it was made), the cursor of the mutes list.</param>
/// <param name="Notifications">Whether its notifications are muted too.</param>
/// <param name="ExpiresAt">When the mute ends by itself, or null for never.</param>
public sealed record Mute(long AccountId, long MuteId, bool Notifications, DateTimeOffset? ExpiresAt);
