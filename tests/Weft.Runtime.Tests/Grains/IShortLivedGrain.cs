namespace Weft.Runtime.Tests.Grains;

public interface IShortLivedGrain : IGrainWithStringKey
{
    ValueTask Touch();
}
