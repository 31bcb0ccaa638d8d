namespace Weft.Runtime.Tests.Grains;

public sealed class ChainGrain : Grain, IChainGrain
{
    public async Task<long> Sum(int depth)
        => depth == 0 ? 0 : depth + await GrainFactory.GetGrain<IChainGrain>(GetPrimaryKeyLong() + 1).Sum(depth - 1);
}
