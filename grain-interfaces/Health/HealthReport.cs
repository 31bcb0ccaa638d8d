namespace Weft.GrainInterfaces.Health;

/// <summary>The result of a health check.</summary>
/// <param name="Checks">How many checks this grain has stored so far.</param>
/// <param name="CheckedAt">When this check was written.</param>
public sealed record HealthReport(long Checks, DateTimeOffset CheckedAt);
