namespace Weft.Api.Infrastructure;

/// <summary>
/// Keeps grain references for reuse across requests: a reference remembers where its activation is, so a reused one
/// skips building the grain id and looking it up in the catalog. Bounded: past <c>capacity</c> entries it starts over.
/// </summary>
public sealed class GrainReferenceCache<TKey, TGrain>(Func<TKey, TGrain> create, int capacity = 100_000)
    where TKey : notnull
{
    private readonly BoundedCache<TKey, TGrain> _references = new(capacity);

    /// <summary>The reference for <paramref name="key"/>.</summary>
    public TGrain Get(TKey key) => _references.GetOrAdd(key, static (key, create) => create(key), create);
}
