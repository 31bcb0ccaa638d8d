namespace Weft.Grains.Health;

/// <summary>What a health grain stores.</summary>
public sealed class HealthState
{
    public long Checks { get; set; }

    public DateTimeOffset LastCheckedAt { get; set; }
}
