using System.Collections.Concurrent;

namespace Weft.Api.Infrastructure;

/// <summary>
/// Keeps grain references for reuse across requests: a reference remembers where its activation is, so a reused one
/// skips building the grain id and looking it up in the catalog. Bounded: past <c>capacity</c> entries it starts over.
/// </summary>
public sealed class GrainReferenceCache<TKey, TGrain>(Func<TKey, TGrain> create, int capacity = 100_000)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TGrain> _references = new();

    /// <summary>The reference for <paramref name="key"/>.</summary>
    public TGrain Get(TKey key)
    {
        if (_references.TryGetValue(key, out var reference))
        {
            return reference;
        }

        if (_references.Count >= capacity)
        {
            _references.Clear();
        }

        return _references.GetOrAdd(key, static (key, create) => create(key), create);
    }
}
