namespace Weft.Runtime.Tests.Grains;

public interface IGuidGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}
