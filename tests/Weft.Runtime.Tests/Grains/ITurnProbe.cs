namespace Weft.Runtime.Tests.Grains;

/// <summary>Probes turn-based concurrency: how many calls were inside the grain at once, and in which order.</summary>
public interface ITurnProbe : IGrainWithStringKey
{
    /// <summary>Records entry, awaits a few yields and a short delay, records exit; returns the concurrency seen.</summary>
    Task<int> Work(int sequence);

    /// <summary>Waits until <see cref="Open"/> is called.</summary>
    Task WaitForGate();

    [AlwaysInterleave]
    Task Open();

    [ReadOnly]
    Task<int> Read(int sequence);

    Task<int> MaxConcurrency();

    Task<int> ThreadsInsideAtOnce();
}
