namespace Weft;

/// <summary>
/// A grain interface method called only on keys that were just minted (a new status's id): when its call activates
/// the grain, the grain's persistent states are not read first but start empty, as a new key's would, which saves a
/// database round trip per creation. Should the key exist after all, the first state write (which then expects no
/// row) fails with <c>InconsistentStateException</c>; the method should read the state and answer from it.
/// Calls that find the grain already active change nothing. Such a method runs alone (it cannot also be [ReadOnly] or
/// [AlwaysInterleave]: WEFT016).
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class FreshKeyAttribute : Attribute;
