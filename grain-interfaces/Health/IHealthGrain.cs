namespace Weft.GrainInterfaces.Health;

/// <summary>
/// Answers health checks through the whole stack: a grain call, and a state write and read on the configured store.
/// Keyed by the name of the checking host.
/// </summary>
public interface IHealthGrain : IGrainWithStringKey
{
    /// <summary>Writes a heartbeat to storage and reports it.</summary>
    Task<HealthReport> Check();
}
