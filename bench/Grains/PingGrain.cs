namespace Weft.Bench.Grains;

/// <summary>Does no work, so a call measures only the runtime's call path.</summary>
public sealed class PingGrain : Grain, IPingGrain
{
    public ValueTask<int> Ping(int value) => new(value + 1);

    public Task<int> PingTask(int value) => Task.FromResult(value + 1);

    public async ValueTask<int> PingAfterYield(int value)
    {
        await Task.Yield();
        return value + 1;
    }
}
