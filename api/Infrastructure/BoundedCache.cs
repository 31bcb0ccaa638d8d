using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Weft.Api.Infrastructure;

/// <summary>
/// A concurrent map of things cheap to rebuild that starts over once about <c>capacity</c> entries were added. It counts
/// its own additions: <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every lock of the table (up to 1,024
/// once it has grown), which was an eighth of the API's CPU when asked on every post.
/// </summary>
public sealed class BoundedCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private int _added;

    /// <summary>The entry for <paramref name="key"/>, if there is one.</summary>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _entries.TryGetValue(key, out value);

    /// <summary>Adds or replaces the entry for <paramref name="key"/>.</summary>
    public void Set(TKey key, TValue value)
    {
        if (_entries.TryAdd(key, value))
        {
            CountAddition();
        }
        else
        {
            _entries[key] = value;
        }
    }

    /// <summary>The entry for <paramref name="key"/>, made by <paramref name="create"/> when missing.</summary>
    public TValue GetOrAdd<TArg>(TKey key, Func<TKey, TArg, TValue> create, TArg argument)
    {
        if (_entries.TryGetValue(key, out var value))
        {
            return value;
        }

        value = create(key, argument);
        if (_entries.TryAdd(key, value))
        {
            CountAddition();
            return value;
        }

        return _entries.TryGetValue(key, out var winner) ? winner : value;
    }

    private void CountAddition()
    {
        // Concurrent additions may clear twice or overshoot by a few entries: the bound is about memory, not exactness.
        if (Interlocked.Increment(ref _added) > capacity)
        {
            Volatile.Write(ref _added, 0);
            _entries.Clear();
        }
    }
}
