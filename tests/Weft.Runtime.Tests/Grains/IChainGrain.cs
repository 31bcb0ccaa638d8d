namespace Weft.Runtime.Tests.Grains;

/// <summary>Each grain calls the one below it: a long chain of calls between idle grains.</summary>
public interface IChainGrain : IGrainWithIntegerKey
{
    Task<long> Sum(int depth);
}
