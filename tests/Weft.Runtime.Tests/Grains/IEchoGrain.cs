namespace Weft.Runtime.Tests.Grains;

/// <summary>Checks argument isolation and keys of every kind.</summary>
public interface IEchoGrain : IGrainWithStringKey
{
    Task<List<int>> AppendAndReturn(List<int> items);

    Task<bool> IsSameInstanceAsLast(Snapshot snapshot);

    Task<Snapshot> Remember(Snapshot snapshot);

    Task<string> Key();

    Task<string> CallOther(string otherKey);
}
