namespace Weft.GrainInterfaces.Statuses;

/// <summary>An account mentioned in a status, resolved when the status was posted.</summary>
/// <param name="AccountId">The mentioned account.</param>
/// <param name="Username">Its username as registered.</param>
public sealed record Mention(long AccountId, string Username);
