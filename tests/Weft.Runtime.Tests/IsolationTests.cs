using Weft.Runtime.Tests.Grains;
using Weft.Runtime.Tests.Hosting;

namespace Weft.Runtime.Tests;

[Collection(SharedSiloCollection.Name)]
public sealed class IsolationTests(SharedSiloFixture fixture)
{
    [Fact]
    public async Task Mutable_arguments_and_results_are_copied_on_local_calls()
    {
        var grain = fixture.GrainFactory.GetGrain<IEchoGrain>(Guid.NewGuid().ToString());
        var mine = new List<int> { 1, 2 };

        var returned = await grain.AppendAndReturn(mine);

        Assert.Equal([1, 2], mine);
        Assert.Equal([1, 2, 99], returned);
        Assert.NotSame(mine, returned);
    }

    [Fact]
    public async Task Immutable_arguments_are_passed_by_reference()
    {
        var grain = fixture.GrainFactory.GetGrain<IEchoGrain>(Guid.NewGuid().ToString());
        var snapshot = new Snapshot("same", 3);

        var returned = await grain.Remember(snapshot);

        Assert.Same(snapshot, returned);
        Assert.True(await grain.IsSameInstanceAsLast(snapshot));
    }
}
