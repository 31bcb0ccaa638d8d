namespace Weft.Bench.Grains;

/// <summary>The smallest useful grain call: an integer in, an integer out.</summary>
public interface IPingGrain : IGrainWithIntegerKey
{
    /// <summary>Returns <paramref name="value"/> + 1; completes synchronously.</summary>
    ValueTask<int> Ping(int value);

    /// <summary>The same as <see cref="Ping"/>, declared with Task to show what the Task costs.</summary>
    Task<int> PingTask(int value);

    /// <summary>Returns <paramref name="value"/> + 1 after yielding once, so the caller waits for a later answer.</summary>
    ValueTask<int> PingAfterYield(int value);
}
