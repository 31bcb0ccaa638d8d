namespace Weft.Runtime.Tests.Grains;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    /// <summary>Increment, as a method for fresh keys: an activation it starts does not read the stored counter.</summary>
    [FreshKey]
    Task<int> IncrementFresh();

    ValueTask<int> Get();

    Task Reset();

    ValueTask Deactivate();
}
