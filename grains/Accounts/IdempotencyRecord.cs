namespace Weft.Grains.Accounts;

/// <summary>An idempotency key the client sent with a post, and the status id reserved for it.</summary>
/// <param name="Key">The client's key.</param>
/// <param name="StatusId">The status posted (or about to be) for it.</param>
/// <param name="CreatedAt">When the key was first seen.</param>
public sealed record IdempotencyRecord(string Key, long StatusId, DateTimeOffset CreatedAt);
