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

/// <summary>Immutable: passed by reference on local calls.</summary>
public sealed record Snapshot(string Text, int Number);

public interface INumberedGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

public interface IGuidGrain : IGrainWithGuidKey
{
    Task<Guid> Key();
}
