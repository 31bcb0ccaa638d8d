namespace Weft.Runtime.Tests.Grains;

public sealed class EchoGrain : Grain, IEchoGrain
{
    private Snapshot? _last;

    public Task<List<int>> AppendAndReturn(List<int> items)
    {
        items.Add(99);
        return Task.FromResult(items);
    }

    public Task<bool> IsSameInstanceAsLast(Snapshot snapshot) => Task.FromResult(ReferenceEquals(snapshot, _last));

    public Task<Snapshot> Remember(Snapshot snapshot)
    {
        _last = snapshot;
        return Task.FromResult(snapshot);
    }

    public Task<string> Key() => Task.FromResult(GetPrimaryKeyString());

    public Task<string> CallOther(string otherKey) => GrainFactory.GetGrain<IEchoGrain>(otherKey).Key();
}
