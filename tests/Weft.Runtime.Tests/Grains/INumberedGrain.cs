namespace Weft.Runtime.Tests.Grains;

public interface INumberedGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}
