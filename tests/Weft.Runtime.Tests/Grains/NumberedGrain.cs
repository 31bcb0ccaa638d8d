namespace Weft.Runtime.Tests.Grains;

public sealed class NumberedGrain : Grain, INumberedGrain
{
    public Task<long> Key() => Task.FromResult(GetPrimaryKeyLong());
}
