using Weft.GrainInterfaces.Health;

namespace Weft.Grains.Health;

/// <summary>Counts health checks in persistent state, so a check proves the store can be written and read.</summary>
public sealed class HealthGrain(
    [PersistentState("health")] IPersistentState<HealthState> health,
    TimeProvider timeProvider) : Grain, IHealthGrain
{
    public async Task<HealthReport> Check()
    {
        health.State.Checks++;
        health.State.LastCheckedAt = timeProvider.GetUtcNow();
        await health.WriteStateAsync();
        return new HealthReport(health.State.Checks, health.State.LastCheckedAt);
    }
}
