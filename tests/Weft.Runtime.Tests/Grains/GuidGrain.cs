namespace Weft.Runtime.Tests.Grains;

public sealed class GuidGrain : Grain, IGuidGrain
{
    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());
}
