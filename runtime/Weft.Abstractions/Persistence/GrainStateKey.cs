namespace Weft.Persistence;

/// <summary>Where a piece of grain state is stored: grain type, grain key (canonical string) and state name.</summary>
public readonly record struct GrainStateKey(string GrainType, string GrainKey, string StateName)
{
    /// <summary>Returns <c>type/key/state</c>.</summary>
    public override string ToString() => $"{GrainType}/{GrainKey}/{StateName}";
}
