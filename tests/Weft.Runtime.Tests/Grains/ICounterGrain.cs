namespace Weft.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    ValueTask<int> Get();

    Task Reset();

    ValueTask Deactivate();
}
